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
    DateTimeOffset? NextReconcileAt)
{
    /// <summary>The sub-merchant's configuration key (null for orders older than sub-merchants).</summary>
    public string? SubMerchant { get; init; }

    public string? AppId { get; init; }

    public string? SubAppId { get; init; }

    /// <summary>The device the order started at (<c>device.start_device_id</c>).</summary>
    public string? DeviceId { get; init; }

    public string? StartLocation { get; init; }

    /// <summary>The device it was returned at (<c>device.end_device_id</c>).</summary>
    public string? EndDeviceId { get; init; }
}
