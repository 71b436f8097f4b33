namespace WxPayScore.ServiceOrders;

/// <summary>A WeChat coupon applied to a collection (<c>promotion_detail[]</c>).</summary>
public sealed record Promotion
{
    public string? CouponId { get; init; }

    public string? Name { get; init; }

    public string? Scope { get; init; }

    public string? Type { get; init; }

    public long? Amount { get; init; }

    public string? StockId { get; init; }

    public long? WechatpayContribute { get; init; }

    public long? MerchantContribute { get; init; }

    public long? OtherContribute { get; init; }

    public string? Currency { get; init; }

    public IReadOnlyList<PromotionGoods>? GoodsDetail { get; init; }
}
