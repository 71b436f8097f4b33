using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Body of <c>POST /v3/payscore/partner/serviceorder</c> (创建支付分订单).</summary>
public sealed record ServiceOrderCreateOptions
{
    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The service provider's AppID.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    /// <summary>The sub-merchant's AppID, when the user is identified under it.</summary>
    [JsonPropertyName("sub_appid")]
    public string? SubAppId { get; init; }

    /// <summary>The merchant's order number: 1–32 of <c>0-9 A-Z a-z _ - | *</c>, unique per sub-merchant.</summary>
    public required string OutOrderNo { get; init; }

    /// <summary>The service name shown to the user (at most 20 characters).</summary>
    public required string ServiceIntroduction { get; init; }

    /// <summary>Fee lines (optional at creation).</summary>
    public IReadOnlyList<PostPayment>? PostPayments { get; init; }

    /// <summary>Discount lines.</summary>
    public IReadOnlyList<PostDiscount>? PostDiscounts { get; init; }

    /// <summary>The order's risk amount.</summary>
    public required RiskFund RiskFund { get; init; }

    /// <summary>Service time; <c>start_time</c> is required (<c>OnAccept</c> allowed).</summary>
    public required TimeRange TimeRange { get; init; }

    /// <summary>Service locations.</summary>
    public Location? Location { get; init; }

    /// <summary>Merchant data echoed back in queries and callbacks; URL-encode it yourself.</summary>
    public string? Attach { get; init; }

    /// <summary>Absolute URL, without a query string, where WeChat sends the callbacks.</summary>
    public required string NotifyUrl { get; init; }

    /// <summary>免确认 mode only.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    /// <summary>免确认 mode only.</summary>
    [JsonPropertyName("sub_openid")]
    public string? SubOpenId { get; init; }

    /// <summary><c>true</c> or absent: 需确认 (the flow with a confirm page); <c>false</c>: 免确认.</summary>
    public bool? NeedUserConfirm { get; init; }

    /// <summary>Devices used.</summary>
    public Device? Device { get; init; }
}
