namespace WxPayScore.Server.Orders.Devices;

/// <summary>A device as the admin API shows it.</summary>
public sealed record DeviceView(
    string DeviceId,
    string SubMerchant,
    string? SubMerchantName,
    string Location,
    IReadOnlyList<string> Plans,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
