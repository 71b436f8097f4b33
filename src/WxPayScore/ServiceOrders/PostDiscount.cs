namespace WxPayScore.ServiceOrders;

/// <summary>A merchant discount line (商户优惠), amount in fen.</summary>
public sealed record PostDiscount
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public long? Amount { get; init; }

    public int? Count { get; init; }
}
