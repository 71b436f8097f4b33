using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/modify</c>: only lowers the amount of an unpaid completed order.</summary>
public sealed record ServiceOrderModifyOptions
{
    public required string ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    public required IReadOnlyList<PostPayment> PostPayments { get; init; }

    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    public required long TotalAmount { get; init; }

    public required string Reason { get; init; }

    public Device? Device { get; init; }

    /// <summary>When set, the call is first checked locally: state, and that the new total is lower (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
