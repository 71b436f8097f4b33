using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>
/// The legacy signed <c>extraData</c> of <c>wxpayScoreUse</c> (miniprogram-confirm.md §2): <c>mch_id, timestamp,
/// nonce_str, sign_type, sign</c> besides <c>package</c>, signed with the SP's APIv2 key (HMAC-SHA256 over
/// mch_id, nonce_str, package, sign_type, timestamp — <see cref="ApiV2Signature"/>).
/// </summary>
internal sealed record LegacyExtraData(string? MchId, string? Timestamp, string? NonceStr, string? SignType, string? Sign)
{
    /// <summary>What the Pay Score page shows when the signature does not verify.</summary>
    public const string RefusedText = "商户签名校验失败";

    public const string HmacSha256 = "HMAC-SHA256";

    /// <summary>The legacy fields of the page's query string; null when none of them is present (the current, package-only form).</summary>
    public static LegacyExtraData? From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fields = new LegacyExtraData(Value(query, "mch_id"), Value(query, "timestamp"), Value(query, "nonce_str"), Value(query, "sign_type"),
            Value(query, "sign"));
        return fields is { MchId: null, Timestamp: null, NonceStr: null, SignType: null, Sign: null } ? null : fields;
    }

    /// <summary>Checks the fields against the order's SP (<paramref name="mchId"/>) and its APIv2 key; returns why they fail, or null.</summary>
    public string? Verify(string package, string mchId, string apiV2Key)
    {
        if (MchId is null || Timestamp is null || NonceStr is null || SignType is null || Sign is null)
        {
            return "legacy extraData must carry all of mch_id, timestamp, nonce_str, sign_type and sign";
        }

        if (SignType != HmacSha256)
        {
            return $"sign_type must be {HmacSha256}; got '{SignType}'";
        }

        if (MchId != mchId)
        {
            return $"mch_id '{MchId}' is not the service provider {mchId} that created the order";
        }

        var expected = ApiV2Signature.HmacSha256(
        [
            new("mch_id", MchId),
            new("nonce_str", NonceStr),
            new("package", package),
            new("sign_type", SignType),
            new("timestamp", Timestamp),
        ], apiV2Key);
        var given = Encoding.ASCII.GetBytes(Sign.ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(expected))
            ? null
            : "sign does not verify with the SP's APIv2 key (HMAC-SHA256 over mch_id, nonce_str, package, sign_type, timestamp)";
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) ? value.ToString() : null;
}
