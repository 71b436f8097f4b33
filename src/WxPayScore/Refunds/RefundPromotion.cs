namespace WxPayScore.Refunds;

/// <summary>
/// A coupon refunded with the refund (<c>promotion_detail[]</c>). Its <see cref="Type"/> is <c>COUPON</c>/<c>DISCOUNT</c>,
/// not the <c>CASH</c>/<c>NOCASH</c> of a Pay Score collection.
/// </summary>
public sealed record RefundPromotion
{
    /// <summary>Coupon id.</summary>
    public string? PromotionId { get; init; }

    /// <summary><c>GLOBAL</c> or <c>SINGLE</c>.</summary>
    public string? Scope { get; init; }

    /// <summary><c>COUPON</c> (recharge) or <c>DISCOUNT</c> (non-recharge).</summary>
    public string? Type { get; init; }

    /// <summary>Face value, in fen.</summary>
    public long? Amount { get; init; }

    /// <summary>Part of the coupon refunded, in fen.</summary>
    public long? RefundAmount { get; init; }

    /// <summary>Items the coupon applied to.</summary>
    public IReadOnlyList<RefundGoodsDetail>? GoodsDetail { get; init; }
}
