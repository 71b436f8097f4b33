using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST …/serviceorder/{out_order_no}/sync</c>: the user paid the merchant another way.</summary>
public sealed record ServiceOrderSyncOptions
{
    public const string OrderPaid = "Order_Paid";

    public required string ServiceId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>Only value: <c>Order_Paid</c>.</summary>
    public string Type { get; init; } = OrderPaid;

    public required ServiceOrderSyncDetail Detail { get; init; }

    [JsonIgnore]
    public ServiceOrder? CurrentOrder { get; init; }
}
