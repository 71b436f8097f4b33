using System.Text.Json.Serialization;

namespace WxPayScore.Refunds;

/// <summary>Body of <c>POST /v3/refund/domestic/refunds</c> (申请退款), refunds.md §3.1.</summary>
public sealed record RefundCreateOptions
{
    /// <summary>The sub-merchant that received the payment.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>The collection detail's <c>transaction_id</c> (recommended). Exactly one of this and <see cref="OutTradeNo"/>.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The deduction's own merchant number (never the Pay Score <c>out_order_no</c>). Exactly one of this and <see cref="TransactionId"/>.</summary>
    public string? OutTradeNo { get; init; }

    /// <summary>
    /// The refund number: 1–64 bytes of <c>0-9 A-Z a-z _ - | * @</c>, unique in the service provider's system. It is the
    /// idempotency key: after a timeout retry with the same number and parameters, never a new number.
    /// </summary>
    public required string OutRefundNo { get; init; }

    /// <summary>Shown to the user (at most 80 bytes of UTF-8).</summary>
    public string? Reason { get; init; }

    /// <summary>Where the <c>REFUND.*</c> notifications go (absolute URL, no query string); else the platform's setting.</summary>
    public string? NotifyUrl { get; init; }

    /// <summary><c>AVAILABLE</c> or <c>UNSETTLED</c>; normally left out.</summary>
    public string? FundsAccount { get; init; }

    /// <summary>What to refund.</summary>
    public required RefundAmountOptions Amount { get; init; }

    /// <summary>Refunded items (single-item coupons only).</summary>
    public IReadOnlyList<RefundGoodsDetail>? GoodsDetail { get; init; }
}
