namespace WxPayScore.Server.Admin;

/// <summary>
/// Complete an order: fee lines, discounts and the total, which must equal Σ fees − Σ discounts (checked here, before
/// WeChat). <see cref="EndTime"/> defaults to now.
/// </summary>
public sealed record CompleteOrderRequest(
    IReadOnlyList<FeeLineRequest>? Fees,
    IReadOnlyList<DiscountLineRequest>? Discounts,
    long? TotalAmount,
    DateTimeOffset? EndTime);
