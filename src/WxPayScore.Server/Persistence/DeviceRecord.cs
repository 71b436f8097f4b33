namespace WxPayScore.Server.Persistence;

/// <summary>A device users scan to start an order (a power bank station, an umbrella stand…). Times are Unix milliseconds.</summary>
public sealed class DeviceRecord
{
    /// <summary>WeChat's limit of <c>device.start_device_id</c>/<c>end_device_id</c> (payscore-partner-api.md §2.1).</summary>
    public const int MaxDeviceIdLength = 50;

    /// <summary>The limit of <c>location.start_location</c>/<c>end_location</c>.</summary>
    public const int MaxLocationLength = 50;

    /// <summary>The id sent as <c>device.start_device_id</c> (the rules: <c>Orders.Devices.DeviceRules</c>).</summary>
    public string DeviceId { get; set; } = string.Empty;

    /// <summary>The key of the sub-merchant it belongs to (<c>PayScore:SubMerchants:{key}</c>).</summary>
    public string SubMerchant { get; set; } = string.Empty;

    /// <summary>Where it stands: sent as <c>location.start_location</c>, shown on the confirm page.</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>The plan ids on sale there, comma-separated; empty = all of its sub-merchant's plans.</summary>
    public string Plans { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public IReadOnlyList<string> PlanIds => Plans.Length == 0 ? [] : Plans.Split(',');
}
