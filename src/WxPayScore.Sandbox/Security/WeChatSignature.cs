using WxPayScore.Http;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Security;

/// <summary>The <c>Wechatpay-*</c> signature headers of one answer or callback.</summary>
internal readonly record struct WeChatSignature(string Timestamp, string Nonce, string Signature, string Serial)
{
    /// <summary>The headers, in the order WeChat sends them.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers =>
    [
        new(WeChatPayHeaders.Timestamp, Timestamp),
        new(WeChatPayHeaders.Nonce, Nonce),
        new(WeChatPayHeaders.Signature, Signature),
        new(WeChatPayHeaders.Serial, Serial),
        new(WeChatPayHeaders.SignatureType, RsaSignature.Scheme),
    ];
}
