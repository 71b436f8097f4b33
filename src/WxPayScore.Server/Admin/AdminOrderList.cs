namespace WxPayScore.Server.Admin;

/// <summary>A page of orders (newest first) and the total matching the filter.</summary>
public sealed record AdminOrderList(int Total, IReadOnlyList<AdminOrderSummary> Items);
