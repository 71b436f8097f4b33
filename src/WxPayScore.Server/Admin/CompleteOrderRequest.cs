namespace WxPayScore.Server.Admin;

/// <summary>
/// Complete an order: fee lines, discounts and the total, which must equal Σ fees − Σ discounts (checked here, before
/// WeChat). <see cref="EndTime"/> defaults to now. <see cref="EndDeviceId"/>: the device the item was returned at
/// (<c>device.end_device_id</c> and its location as <c>location.end_location</c>).
/// </summary>
public sealed record CompleteOrderRequest(
    IReadOnlyList<FeeLineRequest>? Fees,
    IReadOnlyList<DiscountLineRequest>? Discounts,
    long? TotalAmount,
    DateTimeOffset? EndTime,
    string? EndDeviceId = null);
