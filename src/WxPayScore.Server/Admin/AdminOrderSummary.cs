using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Admin;

/// <summary>One order in the admin list.</summary>
public sealed record AdminOrderSummary(
    string OutOrderNo,
    string SubMchId,
    string PlanId,
    OrderPhase Phase,
    string? State,
    string? StateDescription,
    string? CollectionState,
    long RiskFundAmount,
    long? TotalAmount,
    long PaidAmount,
    string OwnerOpenId,
    string? ConfirmedOpenId,
    string? WeChatOrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextReconcileAt);
