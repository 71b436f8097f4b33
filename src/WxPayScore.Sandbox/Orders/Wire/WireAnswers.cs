using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Orders.Wire;

// What the sandbox writes on the wire: the order shape of the create/query answers and the callback payload (spec §2.2,
// §3), and the callback envelope (§7.2). Named here from the spec, not taken from the SDK's records.

/// <summary>A service order as WeChat answers it (create, query, legacy 200 actions) and encrypts it into callbacks.</summary>
internal sealed record WireOrder
{
    [JsonPropertyName("out_order_no")] public string? OutOrderNo { get; init; }

    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("appid")] public string? AppId { get; init; }

    [JsonPropertyName("mchid")] public string? MchId { get; init; }

    [JsonPropertyName("sub_appid")] public string? SubAppId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("service_introduction")] public string? ServiceIntroduction { get; init; }

    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("state_description")] public string? StateDescription { get; init; }

    [JsonPropertyName("post_payments")] public IReadOnlyList<WirePayment>? PostPayments { get; init; }

    [JsonPropertyName("post_discounts")] public IReadOnlyList<WireDiscount>? PostDiscounts { get; init; }

    [JsonPropertyName("risk_fund")] public WireRiskFund? RiskFund { get; init; }

    [JsonPropertyName("total_amount")] public long? TotalAmount { get; init; }

    [JsonPropertyName("need_collection")] public bool? NeedCollection { get; init; }

    [JsonPropertyName("collection")] public WireCollection? Collection { get; init; }

    [JsonPropertyName("time_range")] public WireTimeRange? TimeRange { get; init; }

    [JsonPropertyName("location")] public WireLocation? Location { get; init; }

    [JsonPropertyName("attach")] public string? Attach { get; init; }

    [JsonPropertyName("notify_url")] public string? NotifyUrl { get; init; }

    [JsonPropertyName("openid")] public string? OpenId { get; init; }

    [JsonPropertyName("sub_openid")] public string? SubOpenId { get; init; }

    [JsonPropertyName("order_id")] public string? OrderId { get; init; }

    /// <summary>Create answers in 需确认 mode only.</summary>
    [JsonPropertyName("package")] public string? Package { get; init; }
}

/// <summary><c>Collection</c> (收款信息, §3).</summary>
internal sealed record WireCollection
{
    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("total_amount")] public long? TotalAmount { get; init; }

    [JsonPropertyName("paying_amount")] public long? PayingAmount { get; init; }

    [JsonPropertyName("paid_amount")] public long? PaidAmount { get; init; }

    [JsonPropertyName("details")] public IReadOnlyList<WireCollectionDetail>? Details { get; init; }
}

/// <summary><c>Detail</c> (收款明细, §3).</summary>
internal sealed record WireCollectionDetail
{
    [JsonPropertyName("seq")] public int Seq { get; init; }

    [JsonPropertyName("amount")] public long Amount { get; init; }

    [JsonPropertyName("paid_type")] public string? PaidType { get; init; }

    [JsonPropertyName("paid_time")] public string? PaidTime { get; init; }

    [JsonPropertyName("transaction_id")] public string? TransactionId { get; init; }
}

/// <summary>The callback envelope (§7.2).</summary>
internal sealed record WireCallbackEnvelope
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("create_time")] public required DateTimeOffset CreateTime { get; init; }

    [JsonPropertyName("resource_type")] public required string ResourceType { get; init; }

    [JsonPropertyName("event_type")] public required string EventType { get; init; }

    [JsonPropertyName("summary")] public required string Summary { get; init; }

    [JsonPropertyName("resource")] public required WireResource Resource { get; init; }
}

/// <summary>The encrypted <c>resource</c> of a callback (§7.2).</summary>
internal sealed record WireResource
{
    [JsonPropertyName("original_type")] public string? OriginalType { get; init; }

    [JsonPropertyName("algorithm")] public required string Algorithm { get; init; }

    [JsonPropertyName("ciphertext")] public required string Ciphertext { get; init; }

    [JsonPropertyName("associated_data")] public required string AssociatedData { get; init; }

    [JsonPropertyName("nonce")] public required string Nonce { get; init; }
}
