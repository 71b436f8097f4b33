using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WxPayScore.Security;

namespace WxPayScore.Configuration;

/// <summary>The key material loaded once from <see cref="WxPayScoreOptions"/>: request signer, APIv3 cipher, WeChat public key.</summary>
internal sealed class MerchantCredentials : IDisposable
{
    private readonly RSA privateKey;

    public MerchantCredentials(IOptions<WxPayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var pem = o.PrivateKey is { Length: > 0 } text ? text : File.ReadAllText(o.PrivateKeyPath!);
        privateKey = PemKeys.LoadPrivateKey(pem);
        Signer = new RequestSigner(o.MchId, o.MerchantSerialNumber, privateKey);
        Cipher = new ResourceCipher(o.ApiV3Key);
        var publicPem = o.PublicKey is { Length: > 0 } p ? p : o.PublicKeyPath is { Length: > 0 } path ? File.ReadAllText(path) : null;
        if (publicPem is not null)
        {
            PublicKey = PemKeys.LoadPublicKey(publicPem);
            PublicKeyId = o.PublicKeyId;
        }
    }

    public RequestSigner Signer { get; }

    public ResourceCipher Cipher { get; }

    public RSA? PublicKey { get; }

    public string? PublicKeyId { get; }

    public void Dispose()
    {
        privateKey.Dispose();
        PublicKey?.Dispose();
    }
}
