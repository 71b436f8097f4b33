using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Refunds.Wire;

// The request bodies of the refund endpoints (refunds.md §3.1, §6), the sandbox's own reading.

/// <summary><c>POST /v3/refund/domestic/refunds</c> (§3.1).</summary>
internal sealed record RefundCreateRequest
{
    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("transaction_id")] public string? TransactionId { get; init; }

    [JsonPropertyName("out_trade_no")] public string? OutTradeNo { get; init; }

    [JsonPropertyName("out_refund_no")] public string? OutRefundNo { get; init; }

    [JsonPropertyName("reason")] public string? Reason { get; init; }

    [JsonPropertyName("notify_url")] public string? NotifyUrl { get; init; }

    [JsonPropertyName("funds_account")] public string? FundsAccount { get; init; }

    /// <summary>In one official sample, on no partner page: accepted and ignored (§3.1, §10.11).</summary>
    [JsonPropertyName("refund_account")] public string? RefundAccount { get; init; }

    [JsonPropertyName("amount")] public RefundAmountRequest? Amount { get; init; }

    [JsonPropertyName("goods_detail")] public List<RefundGoodsRequest?>? GoodsDetail { get; init; }
}

/// <summary><c>amount</c> of a refund request.</summary>
internal sealed record RefundAmountRequest
{
    [JsonPropertyName("refund")] public long? Refund { get; init; }

    [JsonPropertyName("total")] public long? Total { get; init; }

    [JsonPropertyName("currency")] public string? Currency { get; init; }

    [JsonPropertyName("from")] public List<RefundFromRequest?>? From { get; init; }
}

/// <summary><c>amount.from[]</c>.</summary>
internal sealed record RefundFromRequest
{
    [JsonPropertyName("account")] public string? Account { get; init; }

    [JsonPropertyName("amount")] public long? Amount { get; init; }
}

/// <summary><c>goods_detail[]</c> (single-item coupons; the sandbox has none, so these are only checked).</summary>
internal sealed record RefundGoodsRequest
{
    [JsonPropertyName("merchant_goods_id")] public string? MerchantGoodsId { get; init; }

    [JsonPropertyName("wechatpay_goods_id")] public string? WechatpayGoodsId { get; init; }

    [JsonPropertyName("goods_name")] public string? GoodsName { get; init; }

    [JsonPropertyName("unit_price")] public long? UnitPrice { get; init; }

    [JsonPropertyName("refund_amount")] public long? RefundAmount { get; init; }

    [JsonPropertyName("refund_quantity")] public int? RefundQuantity { get; init; }
}

/// <summary><c>POST …/{refund_id}/apply-abnormal-refund</c> (§6).</summary>
internal sealed record AbnormalRefundRequest
{
    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("out_refund_no")] public string? OutRefundNo { get; init; }

    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("bank_type")] public string? BankType { get; init; }

    [JsonPropertyName("bank_account")] public string? BankAccount { get; init; }

    [JsonPropertyName("real_name")] public string? RealName { get; init; }
}
