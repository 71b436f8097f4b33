namespace WxPayScore.Server.Persistence;

/// <summary>One entry of an order's history: a state change, a callback, an admin action, a WeChat call outcome.</summary>
public sealed class OrderEventRecord
{
    public long Id { get; set; }

    /// <summary>The order (lets one SaveChanges insert an order with its first history entry / journal row).</summary>
    public OrderRecord? Order { get; set; }

    public long OrderId { get; set; }

    public long At { get; set; }

    public OrderEventKind Kind { get; set; }

    /// <summary>Who caused it.</summary>
    public OrderSource Source { get; set; }

    public OrderPhase? FromPhase { get; set; }

    public OrderPhase? ToPhase { get; set; }

    public string? NotificationId { get; set; }

    public string? Detail { get; set; }
}
