namespace WxPayScore.Refunds;

/// <summary>A refunded item (<c>goods_detail[]</c>), for single-item coupons only.</summary>
public sealed record RefundGoodsDetail
{
    /// <summary>The merchant's goods id (at most 32 characters).</summary>
    public string? MerchantGoodsId { get; init; }

    /// <summary>WeChat Pay's goods id.</summary>
    public string? WechatpayGoodsId { get; init; }

    /// <summary>Goods name.</summary>
    public string? GoodsName { get; init; }

    /// <summary>Unit price, in fen.</summary>
    public long? UnitPrice { get; init; }

    /// <summary>Amount refunded for this item, in fen.</summary>
    public long? RefundAmount { get; init; }

    /// <summary>Quantity refunded.</summary>
    public int? RefundQuantity { get; init; }
}
