namespace WxPayScore.Server.Configuration;

/// <summary>Decides the <see cref="ServerMode"/> from <c>Server:Mode</c>, the environment and <c>WeChatPay:MchId</c>.</summary>
public static class ServerModeResolver
{
    public const string SettingName = "Server:Mode";

    public static ServerMode Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<ServerMode>(configured.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new InvalidOperationException($"{SettingName} is '{configured}'; it must be Embedded or Real.");
        }

        return environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["WeChatPay:MchId"]) ? ServerMode.Embedded : ServerMode.Real;
    }
}
