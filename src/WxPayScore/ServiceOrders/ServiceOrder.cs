using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// A Pay Score service order as WeChat reports it: the create and query responses and the decrypted
/// payload of the <c>PAYSCORE.USER_CONFIRM</c> / <c>PAYSCORE.USER_PAID</c> callbacks share this shape.
/// </summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record ServiceOrder
{
    /// <summary>The merchant's order number.</summary>
    public string? OutOrderNo { get; init; }

    /// <summary>The Pay Score service id.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The service provider's AppID.</summary>
    [JsonPropertyName("appid")]
    public string? AppId { get; init; }

    /// <summary>The service provider's merchant id.</summary>
    [JsonPropertyName("mchid")]
    public string? MchId { get; init; }

    /// <summary>The sub-merchant's AppID, when used.</summary>
    [JsonPropertyName("sub_appid")]
    public string? SubAppId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public string? SubMchId { get; init; }

    /// <summary>The service name shown to the user.</summary>
    public string? ServiceIntroduction { get; init; }

    /// <summary>CREATED, DOING, DONE, REVOKED or EXPIRED; read it through <see cref="Status"/>.</summary>
    public string? State { get; init; }

    /// <summary>USER_CONFIRM or MCH_COMPLETE, only while DOING.</summary>
    public string? StateDescription { get; init; }

    /// <summary>Fee lines.</summary>
    public IReadOnlyList<PostPayment>? PostPayments { get; init; }

    /// <summary>Discount lines.</summary>
    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    /// <summary>The order's risk amount.</summary>
    public RiskFund? RiskFund { get; init; }

    /// <summary>Total in fen, once completed.</summary>
    public long? TotalAmount { get; init; }

    /// <summary>Whether WeChat collects the amount (<c>need_collection</c>).</summary>
    public bool? NeedCollection { get; init; }

    /// <summary>Collection state and details, once completed.</summary>
    public CollectionInfo? Collection { get; init; }

    /// <summary>Service time range.</summary>
    public TimeRange? TimeRange { get; init; }

    /// <summary>Service locations.</summary>
    public Location? Location { get; init; }

    /// <summary>The merchant data sent at creation.</summary>
    public string? Attach { get; init; }

    /// <summary>Where WeChat sends this order's callbacks.</summary>
    public string? NotifyUrl { get; init; }

    /// <summary>The user's openid under the service provider's AppID, once known.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    /// <summary>The user's openid under the sub-merchant's AppID, once known.</summary>
    [JsonPropertyName("sub_openid")]
    public string? SubOpenId { get; init; }

    /// <summary>WeChat's order id.</summary>
    public string? OrderId { get; init; }

    /// <summary>Only in a create response (需确认 mode): hand it unchanged to the front end.</summary>
    public string? Package { get; init; }

    /// <summary><c>state</c>, <c>state_description</c> and <c>collection.state</c> read together.</summary>
    [JsonIgnore]
    public ServiceOrderStatus Status => ServiceOrderStatus.From(State, StateDescription, Collection?.State);
}
