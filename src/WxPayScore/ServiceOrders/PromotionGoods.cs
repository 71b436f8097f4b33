using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>A goods line of a promotion (<c>goods_detail[]</c>).</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record PromotionGoods
{
    /// <summary>Goods id.</summary>
    public string? GoodsId { get; init; }

    /// <summary>Quantity.</summary>
    public int? Quantity { get; init; }

    /// <summary>Unit price in fen.</summary>
    public long? UnitPrice { get; init; }

    /// <summary>Discount on these goods, in fen.</summary>
    public long? DiscountAmount { get; init; }

    /// <summary>Remark.</summary>
    public string? GoodsRemark { get; init; }
}
