using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Refunds.Wire;

// What the refund endpoints answer and what the REFUND.* notifications carry (refunds.md §3.2, §5.2).

/// <summary>The Refund object of create, query and abnormal refund (§3.2).</summary>
internal sealed record WireRefund
{
    [JsonPropertyName("refund_id")] public required string RefundId { get; init; }

    [JsonPropertyName("out_refund_no")] public required string OutRefundNo { get; init; }

    [JsonPropertyName("transaction_id")] public required string TransactionId { get; init; }

    [JsonPropertyName("out_trade_no")] public required string OutTradeNo { get; init; }

    [JsonPropertyName("channel")] public required string Channel { get; init; }

    [JsonPropertyName("user_received_account")] public required string UserReceivedAccount { get; init; }

    [JsonPropertyName("success_time")] public DateTimeOffset? SuccessTime { get; init; }

    [JsonPropertyName("create_time")] public required DateTimeOffset CreateTime { get; init; }

    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("funds_account")] public string? FundsAccount { get; init; }

    [JsonPropertyName("amount")] public required WireRefundAmount Amount { get; init; }

    [JsonPropertyName("promotion_detail")] public List<WirePromotion> PromotionDetail { get; init; } = [];
}

/// <summary><c>amount</c> of the Refund object.</summary>
internal sealed record WireRefundAmount
{
    [JsonPropertyName("total")] public long Total { get; init; }

    [JsonPropertyName("refund")] public long Refund { get; init; }

    [JsonPropertyName("from")] public List<RefundFromRequest>? From { get; init; }

    [JsonPropertyName("payer_total")] public long PayerTotal { get; init; }

    [JsonPropertyName("payer_refund")] public long PayerRefund { get; init; }

    [JsonPropertyName("settlement_total")] public long SettlementTotal { get; init; }

    [JsonPropertyName("settlement_refund")] public long SettlementRefund { get; init; }

    [JsonPropertyName("discount_refund")] public long DiscountRefund { get; init; }

    [JsonPropertyName("currency")] public string Currency { get; init; } = "CNY";
}

/// <summary>A refunded coupon (the sandbox's collections carry none, so the list stays empty).</summary>
internal sealed record WirePromotion
{
    [JsonPropertyName("promotion_id")] public string? PromotionId { get; init; }

    [JsonPropertyName("scope")] public string? Scope { get; init; }

    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("amount")] public long? Amount { get; init; }

    [JsonPropertyName("refund_amount")] public long? RefundAmount { get; init; }
}

/// <summary>The decrypted resource of a <c>REFUND.*</c> notification (§5.2, partner).</summary>
internal sealed record WireRefundNotification
{
    [JsonPropertyName("sp_mchid")] public required string SpMchId { get; init; }

    [JsonPropertyName("sub_mchid")] public required string SubMchId { get; init; }

    [JsonPropertyName("transaction_id")] public required string TransactionId { get; init; }

    [JsonPropertyName("out_trade_no")] public required string OutTradeNo { get; init; }

    [JsonPropertyName("refund_id")] public required string RefundId { get; init; }

    [JsonPropertyName("out_refund_no")] public required string OutRefundNo { get; init; }

    [JsonPropertyName("refund_status")] public required string RefundStatus { get; init; }

    [JsonPropertyName("success_time")] public DateTimeOffset? SuccessTime { get; init; }

    [JsonPropertyName("user_received_account")] public required string UserReceivedAccount { get; init; }

    [JsonPropertyName("amount")] public required WireRefundNotificationAmount Amount { get; init; }
}

/// <summary>The four amounts of a refund notification.</summary>
internal sealed record WireRefundNotificationAmount
{
    [JsonPropertyName("total")] public long Total { get; init; }

    [JsonPropertyName("refund")] public long Refund { get; init; }

    [JsonPropertyName("payer_total")] public long PayerTotal { get; init; }

    [JsonPropertyName("payer_refund")] public long PayerRefund { get; init; }
}
