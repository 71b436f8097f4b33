using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST /v3/payscore/partner/serviceorder</c> (创建支付分订单).</summary>
public sealed record ServiceOrderCreateOptions
{
    public required string ServiceId { get; init; }

    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonPropertyName("sub_appid")]
    public string? SubAppId { get; init; }

    public required string OutOrderNo { get; init; }

    public required string ServiceIntroduction { get; init; }

    public IReadOnlyList<PostPayment>? PostPayments { get; init; }

    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    public required RiskFund RiskFund { get; init; }

    public required TimeRange TimeRange { get; init; }

    public Location? Location { get; init; }

    /// <summary>Merchant data echoed back in queries and callbacks; URL-encode it yourself.</summary>
    public string? Attach { get; init; }

    public required string NotifyUrl { get; init; }

    /// <summary>免确认 mode only.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    /// <summary>免确认 mode only.</summary>
    [JsonPropertyName("sub_openid")]
    public string? SubOpenId { get; init; }

    /// <summary><c>true</c> or absent: 需确认 (the flow with a confirm page); <c>false</c>: 免确认.</summary>
    public bool? NeedUserConfirm { get; init; }

    public Device? Device { get; init; }
}
