namespace WxPayScore.Server.Orders;

/// <summary>
/// An order's status, freshly queried from WeChat Pay, with plain answers to "confirmed?" and "paid?", and what the
/// merchant's refunds gave back (<see cref="RefundedAmount"/>, fen: refunds that succeeded; the order itself never changes on a refund).
/// </summary>
public sealed record OrderStatusView(
    string OutOrderNo,
    string? State,
    string? StateDescription,
    string? CollectionState,
    long? TotalAmount,
    long? PaidAmount,
    long? RiskFundAmount,
    bool Confirmed,
    bool Paid,
    bool Terminal,
    long RefundedAmount);
