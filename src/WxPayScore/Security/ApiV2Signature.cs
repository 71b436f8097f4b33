using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// The legacy APIv2 HMAC-SHA256 <c>sign</c> still used by some Pay Score front-end entry points (apiv3-security.md §9):
/// non-empty parameters except <c>sign</c>, sorted by name (ordinal), <c>k=v&amp;…&amp;key=APIv2KEY</c>, HMAC-SHA256 keyed
/// with the APIv2 key, upper-case hex.
/// </summary>
internal static class ApiV2Signature
{
    public static string StringToSign(IEnumerable<KeyValuePair<string, string?>> parameters, string apiV2Key)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters
                     .Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append('=').Append(value).Append('&');
        }

        return builder.Append("key=").Append(apiV2Key).ToString();
    }

    public static string HmacSha256(IEnumerable<KeyValuePair<string, string?>> parameters, string apiV2Key)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiV2Key);
        var message = Encoding.UTF8.GetBytes(StringToSign(parameters, apiV2Key));
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiV2Key), message));
    }
}
