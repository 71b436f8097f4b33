using WxPayScore.Sandbox;

namespace WxPayScore.Server.Embedded;

/// <summary>
/// What embedded mode shows off (the sandbox's demo merchant set-up has the same sub-merchants and mini programs):
/// a shopping mall's power banks, served from the provider's mini program (orders without a device allowed too), and a
/// metro umbrella service with its own mini program (<c>sub_appid</c>, every order at a device); devices at named places.
/// </summary>
public static class EmbeddedShowcase
{
    public const string MallKey = "mall";
    public const string MetroKey = "metro";

    /// <summary>The demo's devices: id, sub-merchant key, location, plan on sale there.</summary>
    public static readonly IReadOnlyList<(string DeviceId, string SubMerchant, string Location, string Plan)> Devices =
    [
        ("PB-A-001", MallKey, "星河商场A座大堂", "powerbank-hourly"),
        ("PB-B-002", MallKey, "星河商场B座3楼咖啡厅", "powerbank-hourly"),
        ("PB-C-003", MallKey, "星河商场C座停车场入口", "powerbank-hourly"),
        ("UM-L2-01", MetroKey, "地铁2号线人民广场站B口", "umbrella-daily"),
        ("UM-L2-02", MetroKey, "地铁2号线静安寺站A口", "umbrella-daily"),
    ];

    public static Dictionary<string, string?> Settings(SandboxDemoMerchant demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var settings = new Dictionary<string, string?>
        {
            [$"PayScore:SubMerchants:{MallKey}:SubMchId"] = demo.SubMchId,
            [$"PayScore:SubMerchants:{MallKey}:Name"] = "星河商场充电宝",
            [$"PayScore:SubMerchants:{MallKey}:AllowOrdersWithoutDevice"] = "true",
            [$"PayScore:SubMerchants:{MetroKey}:SubMchId"] = demo.SecondSubMchId,
            [$"PayScore:SubMerchants:{MetroKey}:Name"] = "地铁共享雨伞",
            [$"PayScore:SubMerchants:{MetroKey}:SubAppId"] = demo.SubAppId,
            [$"PayScore:SubMerchants:{MetroKey}:AllowOrdersWithoutDevice"] = "false",
        };
        foreach (var (deviceId, subMerchant, location, plan) in Devices)
        {
            settings[$"Devices:{deviceId}:SubMerchant"] = subMerchant;
            settings[$"Devices:{deviceId}:Location"] = location;
            settings[$"Devices:{deviceId}:Plans:0"] = plan;
        }

        return settings;
    }
}
