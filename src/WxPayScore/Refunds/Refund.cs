using System.Text.Json.Serialization;

namespace WxPayScore.Refunds;

/// <summary>A refund as WeChat reports it: the answer of create, query and abnormal refund (refunds.md §3.2).</summary>
public sealed record Refund
{
    /// <summary>WeChat's refund number.</summary>
    public string? RefundId { get; init; }

    /// <summary>The merchant's refund number.</summary>
    public string? OutRefundNo { get; init; }

    /// <summary>The refunded transaction (a collection detail's <c>transaction_id</c>).</summary>
    public string? TransactionId { get; init; }

    /// <summary>The deduction's merchant number (not the Pay Score <c>out_order_no</c>).</summary>
    public string? OutTradeNo { get; init; }

    /// <summary><c>ORIGINAL</c>, <c>BALANCE</c>, <c>OTHER_BALANCE</c> or <c>OTHER_BANKCARD</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>Display text of where the money goes (e.g. <c>支付用户零钱</c>); never parse it.</summary>
    public string? UserReceivedAccount { get; init; }

    /// <summary>When the refund succeeded (only with <see cref="RefundStatus.Success"/>).</summary>
    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary>When WeChat accepted the refund.</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>The wire <c>status</c>; read it through <see cref="Status"/>.</summary>
    [JsonPropertyName("status")]
    public string? StatusText { get; init; }

    /// <summary>Which account paid the refund (<c>AVAILABLE</c>, <c>UNSETTLED</c>, <c>BASIC</c>, …).</summary>
    public string? FundsAccount { get; init; }

    /// <summary>The amounts, in fen.</summary>
    public RefundAmount? Amount { get; init; }

    /// <summary>Coupons refunded; empty or absent without coupons.</summary>
    public IReadOnlyList<RefundPromotion>? PromotionDetail { get; init; }

    /// <summary><see cref="StatusText"/> as an enum.</summary>
    [JsonIgnore]
    public RefundStatus Status => RefundStatusNames.Parse(StatusText);
}
