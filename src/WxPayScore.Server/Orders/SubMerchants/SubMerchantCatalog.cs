using Microsoft.Extensions.Options;
using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>
/// The sub-merchants this server serves: <c>PayScore:SubMerchants:{key}</c>, or — when that section is empty — the
/// single-tenant settings (<c>PayScore:SubMchId</c>, <c>SubAppId</c>, <c>Plans</c>) as one sub-merchant named
/// <see cref="DefaultKey"/>, which accepts orders without a device as it always did.
/// </summary>
public sealed class SubMerchantCatalog
{
    public const string DefaultKey = "default";
    private readonly Dictionary<string, SubMerchant> byKey;
    private readonly Dictionary<string, SubMerchant> bySubMchId;

    public SubMerchantCatalog(IOptions<PayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        All = Build(options.Value);
        byKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);
        bySubMchId = All.GroupBy(s => s.SubMchId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<SubMerchant> All { get; }

    public SubMerchant? Find(string? key) => key is not null && byKey.TryGetValue(key, out var found) ? found : null;

    public SubMerchant? FindBySubMchId(string? subMchId) => subMchId is not null && bySubMchId.TryGetValue(subMchId, out var found) ? found : null;

    /// <summary>The sub-merchants as configured (no validation: <see cref="SubMerchantOptionsValidator"/> does that at start-up).</summary>
    public static IReadOnlyList<SubMerchant> Build(PayScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SubMerchants.Count == 0)
        {
            return string.IsNullOrEmpty(options.SubMchId)
                ? []
                : [new SubMerchant(DefaultKey, options.SubMchId, options.SubMchId, options.ServiceId, options.AppId, NullIfEmpty(options.SubAppId), options.Plans, true)];
        }

        return options.SubMerchants
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SubMerchant(
                s.Key,
                s.Value.SubMchId,
                string.IsNullOrWhiteSpace(s.Value.Name) ? s.Key : s.Value.Name,
                string.IsNullOrEmpty(s.Value.ServiceId) ? options.ServiceId : s.Value.ServiceId,
                options.AppId,
                NullIfEmpty(s.Value.SubAppId),
                s.Value.Plans.Count > 0 ? s.Value.Plans : options.Plans,
                s.Value.AllowOrdersWithoutDevice))
            .ToArray();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
