using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Orders.Wire;

// The request bodies of the service-order endpoints (payscore-partner-api.md §§2, 4, 5, 6), the sandbox's own reading.

/// <summary><c>POST /v3/payscore/partner/serviceorder</c> (§2.1).</summary>
internal sealed record CreateRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("appid")] public string? AppId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("sub_appid")] public string? SubAppId { get; init; }

    [JsonPropertyName("out_order_no")] public string? OutOrderNo { get; init; }

    [JsonPropertyName("service_introduction")] public string? ServiceIntroduction { get; init; }

    [JsonPropertyName("post_payments")] public List<WirePayment?>? PostPayments { get; init; }

    [JsonPropertyName("post_discounts")] public List<WireDiscount?>? PostDiscounts { get; init; }

    [JsonPropertyName("risk_fund")] public WireRiskFund? RiskFund { get; init; }

    [JsonPropertyName("time_range")] public WireTimeRange? TimeRange { get; init; }

    [JsonPropertyName("location")] public WireLocation? Location { get; init; }

    [JsonPropertyName("attach")] public string? Attach { get; init; }

    [JsonPropertyName("notify_url")] public string? NotifyUrl { get; init; }

    [JsonPropertyName("openid")] public string? OpenId { get; init; }

    [JsonPropertyName("sub_openid")] public string? SubOpenId { get; init; }

    [JsonPropertyName("need_user_confirm")] public bool? NeedUserConfirm { get; init; }

    [JsonPropertyName("device")] public WireDevice? Device { get; init; }
}

/// <summary><c>…/{out_order_no}/cancel</c> (§4).</summary>
internal sealed record CancelRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("reason")] public string? Reason { get; init; }
}

/// <summary><c>…/{out_order_no}/complete</c> (§5).</summary>
internal sealed record CompleteRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("post_payments")] public List<WirePayment?>? PostPayments { get; init; }

    [JsonPropertyName("post_discounts")] public List<WireDiscount?>? PostDiscounts { get; init; }

    [JsonPropertyName("total_amount")] public long? TotalAmount { get; init; }

    [JsonPropertyName("time_range")] public WireTimeRange? TimeRange { get; init; }

    [JsonPropertyName("location")] public WireLocation? Location { get; init; }

    [JsonPropertyName("profit_sharing")] public bool? ProfitSharing { get; init; }

    [JsonPropertyName("complete_time")] public string? CompleteTime { get; init; }

    [JsonPropertyName("goods_tag")] public string? GoodsTag { get; init; }

    [JsonPropertyName("device")] public WireDevice? Device { get; init; }
}

/// <summary><c>…/{out_order_no}/modify</c> (§6.1).</summary>
internal sealed record ModifyRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("post_payments")] public List<WirePayment?>? PostPayments { get; init; }

    [JsonPropertyName("post_discounts")] public List<WireDiscount?>? PostDiscounts { get; init; }

    [JsonPropertyName("total_amount")] public long? TotalAmount { get; init; }

    [JsonPropertyName("reason")] public string? Reason { get; init; }

    [JsonPropertyName("device")] public WireDevice? Device { get; init; }
}

/// <summary><c>…/{out_order_no}/pay</c> (§6.2).</summary>
internal sealed record PayRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }
}

/// <summary><c>…/{out_order_no}/sync</c> (§6.3).</summary>
internal sealed record SyncRequest
{
    [JsonPropertyName("service_id")] public string? ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")] public string? SubMchId { get; init; }

    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("detail")] public WireSyncDetail? Detail { get; init; }
}
