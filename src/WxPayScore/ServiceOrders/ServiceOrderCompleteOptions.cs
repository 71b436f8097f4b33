using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/complete</c>.</summary>
public sealed record ServiceOrderCompleteOptions
{
    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>The final fee lines (at least one).</summary>
    public required IReadOnlyList<PostPayment> PostPayments { get; init; }

    /// <summary>The final discount lines.</summary>
    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    /// <summary>Must equal Σ post_payments.amount − Σ post_discounts.amount.</summary>
    public required long TotalAmount { get; init; }

    /// <summary>The actual service time; <c>end_time</c> is required if the order was created without one.</summary>
    public TimeRange? TimeRange { get; init; }

    /// <summary>The actual locations.</summary>
    public Location? Location { get; init; }

    /// <summary>Whether the collected amount will be shared (分账).</summary>
    public bool? ProfitSharing { get; init; }

    /// <summary>RFC 3339 time the service ended.</summary>
    public DateTimeOffset? CompleteTime { get; init; }

    /// <summary>Goods tag for coupons (at most 32 characters).</summary>
    public string? GoodsTag { get; init; }

    /// <summary>Devices used.</summary>
    public Device? Device { get; init; }

    /// <summary>When set, the call is first checked locally against this snapshot (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
