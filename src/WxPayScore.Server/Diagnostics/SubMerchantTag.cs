namespace WxPayScore.Server.Diagnostics;

/// <summary>
/// The <c>sub_merchant</c> tag of order-scoped measurements: the sub-merchant's configuration key
/// (<c>PayScore:SubMerchants:{key}</c>; bounded, not a secret), <see cref="Unknown"/> where no sub-merchant is known
/// (a callback rejected before routing, an order older than sub-merchants). Instruments recorded where the order is at
/// hand tag it directly; the journaled WeChat calls, counted deep inside the journal, take it from the scope an
/// order-scoped operation opens with <see cref="Enter"/> (like a logging scope).
/// </summary>
public static class SubMerchantTag
{
    public const string Name = "sub_merchant";

    public const string Unknown = "unknown";

    internal static readonly AsyncLocal<string?> Scoped = new();

    /// <summary>The sub-merchant of the operation under way, or null outside any order-scoped operation (login, certificates).</summary>
    public static string? Current => Scoped.Value;

    /// <summary>The tag value for a sub-merchant key that may be missing.</summary>
    public static string ValueOf(string? key) => string.IsNullOrEmpty(key) ? Unknown : key;

    /// <summary>Tags what is recorded below this call (until disposed) with <paramref name="key"/>.</summary>
    public static SubMerchantScope Enter(string? key)
    {
        var previous = Scoped.Value;
        Scoped.Value = ValueOf(key);
        return new SubMerchantScope(previous);
    }
}
