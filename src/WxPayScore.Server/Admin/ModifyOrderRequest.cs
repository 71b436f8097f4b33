namespace WxPayScore.Server.Admin;

/// <summary>Lower the amount of a completed, unpaid order; the new total must equal Σ fees − Σ discounts and be lower than before.</summary>
public sealed record ModifyOrderRequest(
    IReadOnlyList<FeeLineRequest>? Fees,
    IReadOnlyList<DiscountLineRequest>? Discounts,
    long? TotalAmount,
    string? Reason);
