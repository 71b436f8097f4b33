namespace WxPayScore.ServiceOrders;

/// <summary>A goods line of a promotion (<c>goods_detail[]</c>).</summary>
public sealed record PromotionGoods
{
    public string? GoodsId { get; init; }

    public int? Quantity { get; init; }

    public long? UnitPrice { get; init; }

    public long? DiscountAmount { get; init; }

    public string? GoodsRemark { get; init; }
}
