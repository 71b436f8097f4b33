namespace WxPayScore.ServiceOrders;

/// <summary><c>detail</c> of a sync request.</summary>
public sealed record ServiceOrderSyncDetail
{
    /// <summary>When the user paid (yyyyMMddHHmmss or yyyyMMdd).</summary>
    public required ServiceTime PaidTime { get; init; }
}
