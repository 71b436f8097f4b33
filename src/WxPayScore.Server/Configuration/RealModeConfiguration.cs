namespace WxPayScore.Server.Configuration;

/// <summary>
/// Real mode (<see cref="ServerMode.Real"/>): the settings that must all be present. A half-configured server fails at
/// start-up with one message naming every missing setting and <c>Server:Mode</c>, before anything listens.
/// </summary>
public static class RealModeConfiguration
{
    public static IReadOnlyList<string> Missing(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var missing = new List<string>();
        void Need(string key)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                missing.Add(key);
            }
        }

        Need("WeChatPay:MchId");
        Need("WeChatPay:MerchantSerialNumber");
        if (string.IsNullOrWhiteSpace(configuration["WeChatPay:PrivateKeyPath"]) && string.IsNullOrWhiteSpace(configuration["WeChatPay:PrivateKey"]))
        {
            missing.Add("WeChatPay:PrivateKeyPath");
        }

        Need("WeChatPay:ApiV3Key");
        if (!string.Equals(configuration["WeChatPay:UsePlatformCertificates"], "true", StringComparison.OrdinalIgnoreCase))
        {
            Need("WeChatPay:PublicKeyId");
            if (string.IsNullOrWhiteSpace(configuration["WeChatPay:PublicKeyPath"]) && string.IsNullOrWhiteSpace(configuration["WeChatPay:PublicKey"]))
            {
                missing.Add("WeChatPay:PublicKeyPath");
            }
        }

        var subMerchants = configuration.GetSection("PayScore:SubMerchants").GetChildren().ToList();
        if (subMerchants.Count == 0 || subMerchants.Any(s => string.IsNullOrWhiteSpace(s["ServiceId"])))
        {
            Need("PayScore:ServiceId");
        }

        Need("PayScore:AppId");
        if (subMerchants.Count == 0)
        {
            Need("PayScore:SubMchId"); // single-tenant; or PayScore:SubMerchants:{key}
        }

        Need("PayScore:NotifyUrl");
        if (!configuration.GetSection("MiniPrograms").GetChildren().Any())
        {
            Need("MiniProgram:AppId"); // single mini program; or MiniPrograms:{appId}:AppSecret
            Need("MiniProgram:AppSecret");
        }

        Need("Admin:ApiKey");
        return missing;
    }

    public static void EnsureComplete(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var missing = Missing(configuration);
        if (missing.Count > 0)
        {
            var why = !string.IsNullOrWhiteSpace(configuration[ServerModeResolver.SettingName])
                ? $"{ServerModeResolver.SettingName} is Real"
                : environment.IsDevelopment()
                    ? "WeChatPay:MchId is set, so Server:Mode is Real"
                    : $"Server:Mode is not set, which outside Development (environment {environment.EnvironmentName}) means Real";
            throw new InvalidOperationException(
                $"{why}: the server runs against real WeChat Pay, but these settings are missing: {string.Join(", ", missing)}. " +
                "Set them (environment variables use __ for ':'), or set Server:Mode=Embedded to run the embedded sandbox (demo only, never in production).");
        }
    }
}
