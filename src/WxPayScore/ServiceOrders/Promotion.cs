using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>A WeChat coupon applied to a collection (<c>promotion_detail[]</c>).</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record Promotion
{
    /// <summary>Coupon id.</summary>
    public string? CouponId { get; init; }

    /// <summary>Coupon name.</summary>
    public string? Name { get; init; }

    /// <summary><c>GLOBAL</c> or <c>SINGLE</c>.</summary>
    public string? Scope { get; init; }

    /// <summary><c>CASH</c> or <c>NOCASH</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Discount in fen.</summary>
    public long? Amount { get; init; }

    /// <summary>Coupon stock (batch) id.</summary>
    public string? StockId { get; init; }

    /// <summary>Part paid by WeChat Pay, in fen.</summary>
    public long? WechatpayContribute { get; init; }

    /// <summary>Part paid by the merchant, in fen.</summary>
    public long? MerchantContribute { get; init; }

    /// <summary>Part paid by others, in fen.</summary>
    public long? OtherContribute { get; init; }

    /// <summary>Currency, <c>CNY</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>Goods the coupon applied to.</summary>
    public IReadOnlyList<PromotionGoods>? GoodsDetail { get; init; }
}
