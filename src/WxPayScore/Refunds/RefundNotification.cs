using System.Text.Json.Serialization;

namespace WxPayScore.Refunds;

/// <summary>The decrypted resource of a <c>REFUND.*</c> notification (partner mode, refunds.md §5.2).</summary>
public sealed record RefundNotification
{
    /// <summary>The service provider's merchant id.</summary>
    [JsonPropertyName("sp_mchid")]
    public string? SpMchId { get; init; }

    /// <summary>The sub-merchant: route on it, and check it against your record.</summary>
    [JsonPropertyName("sub_mchid")]
    public string? SubMchId { get; init; }

    /// <summary>The refunded transaction.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The deduction's merchant number.</summary>
    public string? OutTradeNo { get; init; }

    /// <summary>WeChat's refund number.</summary>
    public string? RefundId { get; init; }

    /// <summary>The merchant's refund number: the key of your record.</summary>
    public string? OutRefundNo { get; init; }

    /// <summary>The wire <c>refund_status</c>; read it through <see cref="Status"/>.</summary>
    [JsonPropertyName("refund_status")]
    public string? RefundStatusText { get; init; }

    /// <summary>When the refund succeeded (with <c>SUCCESS</c>).</summary>
    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary>Display text of where the money went.</summary>
    public string? UserReceivedAccount { get; init; }

    /// <summary>The amounts, in fen.</summary>
    public RefundNotificationAmount? Amount { get; init; }

    /// <summary><see cref="RefundStatusText"/> as an enum.</summary>
    [JsonIgnore]
    public RefundStatus Status => RefundStatusNames.Parse(RefundStatusText);
}
