using System.Globalization;
using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>Builds the <c>Authorization</c> header of a request (apiv3-security.md §2).</summary>
public sealed class RequestSigner
{
    private readonly RSA privateKey;

    public RequestSigner(string mchId, string serialNumber, RSA privateKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mchId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        MchId = mchId;
        SerialNumber = serialNumber;
        this.privateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
    }

    public string MchId { get; }

    public string SerialNumber { get; }

    /// <summary>The full header value: <c>WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"</c>.</summary>
    public string CreateAuthorization(string method, string canonicalUrl, ReadOnlySpan<byte> body, long timestamp, string nonce)
    {
        var message = SigningString.ForRequest(method, canonicalUrl, timestamp, nonce, body);
        var signature = RsaSignature.Sign(privateKey, message);
        return string.Create(CultureInfo.InvariantCulture,
            $"{RsaSignature.Scheme} mchid=\"{MchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{SerialNumber}\"");
    }
}
