namespace WxPayScore.Server.Configuration;

/// <summary>
/// Real mode (<c>WeChatPay:MchId</c> set): the settings that must all be present. A half-configured server fails at
/// start-up with one message naming every missing setting, before anything listens.
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

        Need("PayScore:ServiceId");
        Need("PayScore:AppId");
        Need("PayScore:SubMchId");
        Need("PayScore:NotifyUrl");
        Need("MiniProgram:AppId");
        Need("MiniProgram:AppSecret");
        Need("Admin:ApiKey");
        return missing;
    }

    public static void EnsureComplete(IConfiguration configuration)
    {
        var missing = Missing(configuration);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"WeChatPay:MchId is set, so the server runs against real WeChat Pay, but these settings are missing: {string.Join(", ", missing)}. " +
                "Set them (environment variables use __ for ':'), or remove WeChatPay:MchId to run with the embedded sandbox.");
        }
    }
}
