using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>One sub-merchant (特约商户) this service provider serves (<c>PayScore:SubMerchants:{key}</c>).</summary>
public sealed class SubMerchantOptions
{
    /// <summary>The <c>sub_mchid</c> every order of this sub-merchant is created for.</summary>
    public string SubMchId { get; set; } = string.Empty;

    /// <summary>The name shown to the mini program (GET /api/devices/{deviceId}) and on the dashboard.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The sub-merchant's own mini program, if it has one: orders created from it carry <c>sub_appid</c> and the user is
    /// identified by <c>sub_openid</c>. Its secret must be configured under <c>MiniPrograms:{SubAppId}:AppSecret</c>.
    /// </summary>
    public string? SubAppId { get; set; }

    /// <summary>The <c>service_id</c> of its orders; empty = <c>PayScore:ServiceId</c>.</summary>
    public string? ServiceId { get; set; }

    /// <summary>Its plans, by id; empty = the shared <c>PayScore:Plans</c>.</summary>
    public Dictionary<string, PlanOptions> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether <c>POST /api/orders</c> without a <c>deviceId</c> may create an order for it (default: no, every order names its device).</summary>
    public bool AllowOrdersWithoutDevice { get; set; }
}
