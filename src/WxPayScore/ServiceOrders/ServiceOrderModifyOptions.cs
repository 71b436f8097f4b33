using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/modify</c>: only lowers the amount of an unpaid completed order.</summary>
public sealed record ServiceOrderModifyOptions
{
    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>The new fee lines (at least one).</summary>
    public required IReadOnlyList<PostPayment> PostPayments { get; init; }

    /// <summary>The new discount lines.</summary>
    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    /// <summary>The new total in fen: Σ fees − Σ discounts, lower than the current one.</summary>
    public required long TotalAmount { get; init; }

    /// <summary>Why the amount changes (at most 50 characters).</summary>
    public required string Reason { get; init; }

    /// <summary>Devices used.</summary>
    public Device? Device { get; init; }

    /// <summary>When set, the call is first checked locally: state, and that the new total is lower (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
