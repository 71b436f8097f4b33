namespace WxPayScore.Refunds;

/// <summary><c>amount</c> of a refund as WeChat reports it (refunds.md §3.2), in fen.</summary>
public sealed record RefundAmount
{
    /// <summary>The original transaction's total.</summary>
    public long Total { get; init; }

    /// <summary>The refund requested.</summary>
    public long Refund { get; init; }

    /// <summary>Sources of the money, as requested.</summary>
    public IReadOnlyList<RefundFrom>? From { get; init; }

    /// <summary>What the user actually paid in the transaction.</summary>
    public long PayerTotal { get; init; }

    /// <summary>What goes back to the user, coupons excluded.</summary>
    public long PayerRefund { get; init; }

    /// <summary><see cref="Total"/> minus non-recharge coupons.</summary>
    public long SettlementTotal { get; init; }

    /// <summary><see cref="Refund"/> minus the refunded part of non-recharge coupons.</summary>
    public long SettlementRefund { get; init; }

    /// <summary>Coupon part of the refund.</summary>
    public long DiscountRefund { get; init; }

    /// <summary><c>CNY</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>Refunded handling fee, when given.</summary>
    public long? RefundFee { get; init; }
}
