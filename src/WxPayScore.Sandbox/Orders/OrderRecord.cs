using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>
/// One service order as the sandbox keeps it: the WeChat-visible snapshot (<see cref="Order"/>, the query shape) and
/// the sandbox-only facts around it (package, query_id, request bodies for re-entrancy, collection schedule).
/// Mutated only under <see cref="Gate"/>.
/// </summary>
internal sealed class OrderRecord
{
    public required string MchId { get; init; }

    public required string SubMchId { get; init; }

    public required string OutOrderNo { get; init; }

    public required string ServiceId { get; init; }

    /// <summary>The create body as received: an identical re-create is a replay, a different one is refused.</summary>
    public required string CreateBody { get; init; }

    public string? Package { get; set; }

    public DateTimeOffset? PackageIssuedAt { get; set; }

    /// <summary>The confirm page was opened with the package: it cannot be used again.</summary>
    public bool PackageSpent { get; set; }

    public required string QueryId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The complete body accepted: an identical complete is answered again as success.</summary>
    public string? CompleteBody { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>When the automatic deduction will succeed (Delayed collection); null when none is scheduled.</summary>
    public DateTimeOffset? CollectionDueAt { get; set; }

    /// <summary>The simulated user's payment fails until the merchant calls pay/sync or the control API lets it succeed.</summary>
    public bool PaymentBlocked { get; set; }

    public int FailedDeductions { get; set; }

    public required ServiceOrder Order { get; set; }

    [JsonIgnore]
    public object Gate { get; } = new();

    [JsonIgnore]
    public OrderKey Key => new(SubMchId, OutOrderNo);

    [JsonIgnore]
    public ServiceOrderPhase Phase => Order.Status.Phase;
}
