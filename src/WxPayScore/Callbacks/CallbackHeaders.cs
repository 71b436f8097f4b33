using WxPayScore.Http;

namespace WxPayScore.Callbacks;

/// <summary>The <c>Wechatpay-*</c> headers of a callback, exactly as received.</summary>
public sealed record CallbackHeaders(string? Timestamp, string? Nonce, string? Signature, string? Serial, string? SignatureType = null)
{
    /// <summary>Reads the headers through any lookup (ASP.NET Core's IHeaderDictionary, HttpHeaders…).</summary>
    public static CallbackHeaders From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new CallbackHeaders(header(WeChatPayHeaders.Timestamp), header(WeChatPayHeaders.Nonce),
            header(WeChatPayHeaders.Signature), header(WeChatPayHeaders.Serial), header(WeChatPayHeaders.SignatureType));
    }
}
