namespace WxPayScore.Server.Orders;

/// <summary>The Pay Score service this server sells (section <c>PayScore</c>).</summary>
public sealed class PayScoreOptions
{
    public const string SectionName = "PayScore";

    /// <summary>The <c>service_id</c> WeChat Pay issued for the service.</summary>
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>The service provider's AppID (create <c>appid</c>); the mini program's AppID unless <see cref="SubAppId"/> is used.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>Single-tenant: the sub-merchant (特约商户) the orders are created for (or use <see cref="SubMerchants"/>).</summary>
    public string SubMchId { get; set; } = string.Empty;

    /// <summary>Optional sub-merchant AppID; when set, the confirming user is compared by <c>sub_openid</c>.</summary>
    public string? SubAppId { get; set; }

    /// <summary>Callback URL sent on create; empty in embedded mode = this server's own <c>/notify/payscore</c>.</summary>
    public string? NotifyUrl { get; set; }

    /// <summary>
    /// <c>notify_url</c> of refunds (<c>REFUND.*</c> callbacks, <c>/notify/refund</c>); empty in embedded mode = this server's
    /// own <c>/notify/refund</c>; empty in real mode = none sent (WeChat uses the refund URL set in the merchant platform).
    /// </summary>
    public string? RefundNotifyUrl { get; set; }

    /// <summary>Prefix of generated <c>out_order_no</c> values (letters/digits, at most 8).</summary>
    public string OrderNoPrefix { get; set; } = "PS";

    /// <summary>The service plans on sale, by id (shared by the sub-merchants without plans of their own): the mini program names a plan, never an amount.</summary>
    public Dictionary<string, PlanOptions> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The sub-merchants served, by key (<c>PayScore:SubMerchants:{key}</c>). Empty: the single-tenant settings
    /// (<see cref="SubMchId"/>, <see cref="SubAppId"/>, <see cref="Plans"/>) are the one sub-merchant.
    /// </summary>
    public Dictionary<string, SubMerchants.SubMerchantOptions> SubMerchants { get; set; } = new(StringComparer.Ordinal);
}
