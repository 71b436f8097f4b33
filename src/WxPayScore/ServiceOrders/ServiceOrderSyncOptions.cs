using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/sync</c>: the user paid the merchant another way.</summary>
public sealed record ServiceOrderSyncOptions
{
    /// <summary>The only <c>type</c>: the user paid another way.</summary>
    public const string OrderPaid = "Order_Paid";

    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>Only value: <c>Order_Paid</c>.</summary>
    public string Type { get; init; } = OrderPaid;

    /// <summary>When the user paid.</summary>
    public required ServiceOrderSyncDetail Detail { get; init; }

    /// <summary>When set, the call is first checked locally against this snapshot (never sent).</summary>
    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
