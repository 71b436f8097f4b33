using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Orders.Wire;

// The nested objects of the request bodies, named as in payscore-partner-api.md §2.1 — written here, not taken from the
// SDK, so that a field the SDK misspells is an unknown field to the sandbox.

/// <summary><c>Payment</c> (后付费项目).</summary>
internal sealed record WirePayment
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("amount")] public long? Amount { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    [JsonPropertyName("count")] public int? Count { get; init; }
}

/// <summary><c>ServiceOrderCoupon</c> (商户优惠).</summary>
internal sealed record WireDiscount
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }

    [JsonPropertyName("amount")] public long? Amount { get; init; }

    [JsonPropertyName("count")] public int? Count { get; init; }
}

/// <summary><c>RiskFund</c> (订单风险金).</summary>
internal sealed record WireRiskFund
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("amount")] public long? Amount { get; init; }

    [JsonPropertyName("description")] public string? Description { get; init; }
}

/// <summary><c>TimeRange</c> (服务时间段): compact Beijing times or <c>OnAccept</c>, kept as text until <see cref="FieldRules"/> reads them.</summary>
internal sealed record WireTimeRange
{
    [JsonPropertyName("start_time")] public string? StartTime { get; init; }

    [JsonPropertyName("start_time_remark")] public string? StartTimeRemark { get; init; }

    [JsonPropertyName("end_time")] public string? EndTime { get; init; }

    [JsonPropertyName("end_time_remark")] public string? EndTimeRemark { get; init; }
}

/// <summary><c>Location</c> (服务位置).</summary>
internal sealed record WireLocation
{
    [JsonPropertyName("start_location")] public string? StartLocation { get; init; }

    [JsonPropertyName("end_location")] public string? EndLocation { get; init; }
}

/// <summary><c>Device</c> (设备信息, 2025-03).</summary>
internal sealed record WireDevice
{
    [JsonPropertyName("start_device_id")] public string? StartDeviceId { get; init; }

    [JsonPropertyName("end_device_id")] public string? EndDeviceId { get; init; }

    [JsonPropertyName("materiel_no")] public string? MaterielNo { get; init; }
}

/// <summary>The <c>detail</c> of a sync request.</summary>
internal sealed record WireSyncDetail
{
    [JsonPropertyName("paid_time")] public string? PaidTime { get; init; }

    /// <summary>Legacy schemas only (spec §6.3); accepted and ignored.</summary>
    [JsonPropertyName("seq")] public int? Seq { get; init; }

    /// <summary>Legacy schemas only (spec §6.3); accepted and ignored.</summary>
    [JsonPropertyName("paid_amount")] public long? PaidAmount { get; init; }
}
