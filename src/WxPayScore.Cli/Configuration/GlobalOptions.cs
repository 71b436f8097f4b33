using System.CommandLine;

namespace WxPayScore.Cli.Configuration;

/// <summary>Options every command accepts: output mode, configuration file and single-value overrides.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json") { Description = "Write one JSON document instead of text (for scripts).", Recursive = true };

    public static readonly Option<string?> Config = new("--config") { Description = "A JSON configuration file, read after appsettings*.json and the environment.", HelpName = "FILE", Recursive = true };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Any setting as KEY=VALUE, e.g. --set WeChatPay:MaxRetries=0 (repeatable).",
        HelpName = "KEY=VALUE",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> BaseUrl = Setting("--base-url", "WeChatPay:BaseUrl", "URL");
    public static readonly Option<string?> MchId = Setting("--mch-id", "WeChatPay:MchId", "MCHID");
    public static readonly Option<string?> Serial = Setting("--serial", "WeChatPay:MerchantSerialNumber", "HEX");
    public static readonly Option<string?> PrivateKey = Setting("--private-key", "WeChatPay:PrivateKeyPath", "FILE");
    public static readonly Option<string?> Certificate = Setting("--certificate", "WeChatPay:MerchantCertificatePath", "FILE");
    public static readonly Option<string?> ApiV3Key = Setting("--apiv3-key", "WeChatPay:ApiV3Key", "KEY");
    public static readonly Option<string?> PublicKeyId = Setting("--public-key-id", "WeChatPay:PublicKeyId", "PUB_KEY_ID_…");
    public static readonly Option<string?> PublicKey = Setting("--public-key", "WeChatPay:PublicKeyPath", "FILE");
    public static readonly Option<string?> ServiceId = Setting("--service-id", "PayScore:ServiceId", "ID");
    public static readonly Option<string?> SubMchId = Setting("--sub-mchid", "PayScore:SubMchId", "MCHID");

    /// <summary>Each single-value flag and the setting it overrides.</summary>
    public static IReadOnlyList<(Option<string?> Option, string Key)> Settings { get; } =
    [
        (BaseUrl, "WeChatPay:BaseUrl"), (MchId, "WeChatPay:MchId"), (Serial, "WeChatPay:MerchantSerialNumber"),
        (PrivateKey, "WeChatPay:PrivateKeyPath"), (Certificate, "WeChatPay:MerchantCertificatePath"), (ApiV3Key, "WeChatPay:ApiV3Key"),
        (PublicKeyId, "WeChatPay:PublicKeyId"), (PublicKey, "WeChatPay:PublicKeyPath"), (ServiceId, "PayScore:ServiceId"),
        (SubMchId, "PayScore:SubMchId"),
    ];

    public static IEnumerable<Option> All =>
        new Option[] { Json, Config, Set }.Concat(Settings.Select(s => (Option)s.Option));

    private static Option<string?> Setting(string name, string key, string helpName) =>
        new(name) { Description = $"Sets {key}.", HelpName = helpName, Recursive = true };
}
