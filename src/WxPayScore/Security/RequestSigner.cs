using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>Builds the <c>Authorization</c> header of a request (apiv3-security.md §2).</summary>
internal sealed class RequestSigner
{
    /// <summary>Room for an RSA-4096 signature; WeChat Pay keys are RSA-2048 (256 bytes).</summary>
    private const int MaxSignatureBytes = 512;

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
    /// <remarks>
    /// Signed on every attempt, so kept cheap: the signing string lives in a pooled buffer, the signature and its
    /// Base64 on the stack; the header string is the only allocation.
    /// </remarks>
    public string CreateAuthorization(string method, string canonicalUrl, ReadOnlySpan<byte> body, long timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return CreateAuthorization(method, canonicalUrl, body, timestamp, nonce.AsSpan());
    }

    /// <summary>The same with a fresh <see cref="Nonce"/> made on the stack (the signing handler's path: no nonce string).</summary>
    public string CreateAuthorization(string method, string canonicalUrl, ReadOnlySpan<byte> body, long timestamp)
    {
        Span<char> nonce = stackalloc char[Nonce.Length];
        Nonce.Fill(nonce);
        return CreateAuthorization(method, canonicalUrl, body, timestamp, (ReadOnlySpan<char>)nonce);
    }

    private string CreateAuthorization(string method, string canonicalUrl, ReadOnlySpan<byte> body, long timestamp, ReadOnlySpan<char> nonce)
    {
        var message = SigningString.RentRequest(method, canonicalUrl, timestamp, nonce, body, out var length);
        Span<byte> signature = stackalloc byte[MaxSignatureBytes];
        int signatureLength;
        try
        {
            if (!privateKey.TrySignData(message.AsSpan(0, length), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out signatureLength))
            {
                throw new CryptographicException($"The merchant key's signature is longer than {MaxSignatureBytes} bytes.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }

        Span<char> base64 = stackalloc char[(MaxSignatureBytes + 2) / 3 * 4];
        Convert.TryToBase64Chars(signature[..signatureLength], base64, out var base64Length);
        ReadOnlySpan<char> encoded = base64[..base64Length];
        return string.Create(CultureInfo.InvariantCulture, stackalloc char[1024],
            $"{RsaSignature.Scheme} mchid=\"{MchId}\",nonce_str=\"{nonce}\",signature=\"{encoded}\",timestamp=\"{timestamp}\",serial_no=\"{SerialNumber}\"");
    }
}
