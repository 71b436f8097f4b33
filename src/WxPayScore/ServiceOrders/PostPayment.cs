namespace WxPayScore.ServiceOrders;

/// <summary>A fee line (后付费项目). <see cref="Amount"/> is the line's total in fen, not a unit price.</summary>
public sealed record PostPayment
{
    public string? Name { get; init; }

    public long? Amount { get; init; }

    public string? Description { get; init; }

    /// <summary>1..100, informational: it does not multiply <see cref="Amount"/>.</summary>
    public int? Count { get; init; }
}
