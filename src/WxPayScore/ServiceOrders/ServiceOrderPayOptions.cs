using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/pay</c> (collect: ask Pay Score to deduct again).</summary>
public sealed record ServiceOrderPayOptions
{
    public required string ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
