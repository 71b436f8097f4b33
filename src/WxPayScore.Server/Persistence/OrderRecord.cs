namespace WxPayScore.Server.Persistence;

/// <summary>
/// One Pay Score order as this server knows it: the create body it sent (resent unchanged on a retry), the latest
/// snapshot applied (monotonically) and the reconciler's schedule and lease. Times are Unix milliseconds.
/// </summary>
public sealed class OrderRecord
{
    public long Id { get; set; }

    public string SubMchId { get; set; } = string.Empty;

    public string OutOrderNo { get; set; } = string.Empty;

    public string ServiceId { get; set; } = string.Empty;

    public string AppId { get; set; } = string.Empty;

    public string? SubAppId { get; set; }

    public string PlanId { get; set; } = string.Empty;

    /// <summary>The sub-merchant's configuration key (<c>PayScore:SubMerchants:{key}</c>); null for orders older than sub-merchants.</summary>
    public string? SubMerchantKey { get; set; }

    /// <summary>The device the order started at (<c>device.start_device_id</c>), if any.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The <c>location.start_location</c> sent on create (the device's location), if any.</summary>
    public string? StartLocation { get; set; }

    /// <summary>The device it was returned at (<c>device.end_device_id</c> sent on complete), if any.</summary>
    public string? EndDeviceId { get; set; }

    /// <summary>openid of the session that created the order; only that user may see it.</summary>
    public string OwnerOpenId { get; set; } = string.Empty;

    /// <summary>The local lifecycle (Creating, CreateFailed) or the WeChat phase.</summary>
    public OrderPhase Phase { get; set; }

    /// <summary>Grows along the state machine (<c>ServiceOrderStatus.Rank</c>); snapshots of a lower rank are never applied.</summary>
    public int Rank { get; set; }

    public string? State { get; set; }

    public string? StateDescription { get; set; }

    public string? CollectionState { get; set; }

    /// <summary>WeChat's <c>order_id</c>.</summary>
    public string? WeChatOrderId { get; set; }

    /// <summary>The <c>package</c> for the confirm page, as returned by create.</summary>
    public string? Package { get; set; }

    public string? ConfirmedOpenId { get; set; }

    public string? ConfirmedSubOpenId { get; set; }

    public long RiskFundAmount { get; set; }

    public long? TotalAmount { get; set; }

    public long PaidAmount { get; set; }

    /// <summary>Number of <c>collection.details</c> in the applied snapshot: a later USER_PAID with more still updates.</summary>
    public int CollectionDetailsCount { get; set; }

    /// <summary>The exact create request bytes (signed as they are on every attempt).</summary>
    public byte[] CreateBody { get; set; } = [];

    /// <summary>The latest applied snapshot, as WeChat's JSON.</summary>
    public string? SnapshotJson { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    /// <summary>When the reconciler should look at the order next; null = never (terminal).</summary>
    public long? NextReconcileAt { get; set; }

    public int ReconcileAttempts { get; set; }

    public string? LeaseOwner { get; set; }

    public long? LeaseUntil { get; set; }

    /// <summary>
    /// Grows with every change of the order (not with the reconciler's lease): the concurrency token of an update, so an
    /// update over an order that changed since it was read updates nothing.
    /// </summary>
    public long Version { get; set; }
}
