using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// A Pay Score service order as WeChat reports it: the create and query responses and the decrypted
/// payload of the <c>PAYSCORE.USER_CONFIRM</c> / <c>PAYSCORE.USER_PAID</c> callbacks share this shape.
/// </summary>
public sealed record ServiceOrder
{
    public string? OutOrderNo { get; init; }

    public string? ServiceId { get; init; }

    [JsonPropertyName("appid")]
    public string? AppId { get; init; }

    [JsonPropertyName("mchid")]
    public string? MchId { get; init; }

    [JsonPropertyName("sub_appid")]
    public string? SubAppId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public string? SubMchId { get; init; }

    public string? ServiceIntroduction { get; init; }

    /// <summary>CREATED, DOING, DONE, REVOKED or EXPIRED; read it through <see cref="Status"/>.</summary>
    public string? State { get; init; }

    /// <summary>USER_CONFIRM or MCH_COMPLETE, only while DOING.</summary>
    public string? StateDescription { get; init; }

    public IReadOnlyList<PostPayment>? PostPayments { get; init; }

    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    public RiskFund? RiskFund { get; init; }

    public long? TotalAmount { get; init; }

    public bool? NeedCollection { get; init; }

    public CollectionInfo? Collection { get; init; }

    public TimeRange? TimeRange { get; init; }

    public Location? Location { get; init; }

    public string? Attach { get; init; }

    public string? NotifyUrl { get; init; }

    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    [JsonPropertyName("sub_openid")]
    public string? SubOpenId { get; init; }

    public string? OrderId { get; init; }

    /// <summary>Only in a create response (需确认 mode): hand it unchanged to the front end.</summary>
    public string? Package { get; init; }

    /// <summary><c>state</c>, <c>state_description</c> and <c>collection.state</c> read together.</summary>
    [JsonIgnore]
    public ServiceOrderStatus Status => ServiceOrderStatus.From(State, StateDescription, Collection?.State);
}
