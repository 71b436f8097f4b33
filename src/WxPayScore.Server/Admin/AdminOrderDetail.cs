namespace WxPayScore.Server.Admin;

/// <summary>One order with its full history: state changes, callbacks received (with verification result) and WeChat calls.</summary>
public sealed record AdminOrderDetail(AdminOrderSummary Order, string? Snapshot, IReadOnlyList<AdminTimelineEntry> Timeline);
