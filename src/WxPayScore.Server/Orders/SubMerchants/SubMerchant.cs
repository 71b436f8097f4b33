using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>A sub-merchant as configured, with the defaults filled in (<see cref="SubMerchantCatalog"/>).</summary>
/// <param name="Key">The configuration key (<c>PayScore:SubMerchants:{key}</c>; <c>default</c> for the single-tenant settings).</param>
/// <param name="SubMchId">Its <c>sub_mchid</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="ServiceId">The <c>service_id</c> of its orders.</param>
/// <param name="AppId">The provider's AppID (create <c>appid</c>).</param>
/// <param name="SubAppId">Its own mini program's AppID, if any.</param>
/// <param name="Plans">Its plans by id.</param>
/// <param name="AllowsOrdersWithoutDevice">Whether an order may be created without a device.</param>
public sealed record SubMerchant(
    string Key,
    string SubMchId,
    string Name,
    string ServiceId,
    string AppId,
    string? SubAppId,
    IReadOnlyDictionary<string, PlanOptions> Plans,
    bool AllowsOrdersWithoutDevice)
{
    /// <summary>The plans as the mini program sees them, ordered by id.</summary>
    public IReadOnlyList<PlanView> PlanViews { get; } = PlanCatalog.Views(Plans);

    /// <summary>
    /// The <c>sub_appid</c> to send for a user of mini program <paramref name="appId"/>: its own mini program → its
    /// SubAppId; the provider's → none. False when this sub-merchant is not served from that mini program.
    /// </summary>
    public bool TryRouteFor(string appId, out string? subAppId)
    {
        subAppId = null;
        if (!string.IsNullOrEmpty(SubAppId) && string.Equals(appId, SubAppId, StringComparison.Ordinal))
        {
            subAppId = SubAppId;
            return true;
        }

        return string.Equals(appId, AppId, StringComparison.Ordinal);
    }
}
