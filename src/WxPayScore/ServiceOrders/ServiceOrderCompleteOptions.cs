using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/complete</c>.</summary>
public sealed record ServiceOrderCompleteOptions
{
    public required string ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    public required IReadOnlyList<PostPayment> PostPayments { get; init; }

    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    /// <summary>Must equal Σ post_payments.amount − Σ post_discounts.amount.</summary>
    public required long TotalAmount { get; init; }

    public TimeRange? TimeRange { get; init; }

    public Location? Location { get; init; }

    public bool? ProfitSharing { get; init; }

    /// <summary>RFC 3339 time the service ended.</summary>
    public DateTimeOffset? CompleteTime { get; init; }

    public string? GoodsTag { get; init; }

    public Device? Device { get; init; }

    /// <summary>When set, the call is first checked locally against this snapshot (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
