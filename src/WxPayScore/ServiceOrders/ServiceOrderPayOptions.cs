using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/pay</c> (collect: ask Pay Score to deduct again).</summary>
public sealed record ServiceOrderPayOptions
{
    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>When set, the call is first checked locally against this snapshot (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
