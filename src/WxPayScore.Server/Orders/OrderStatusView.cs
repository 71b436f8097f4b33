namespace WxPayScore.Server.Orders;

/// <summary>An order's status, freshly queried from WeChat Pay, with plain answers to "confirmed?" and "paid?".</summary>
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
    bool Terminal);
