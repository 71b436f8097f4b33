using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WxPayScore.Tests.Shared;

/// <summary>
/// The test merchant's identity and key material, the same in every suite (SDK, sandbox, server, CLI): the service
/// provider and its sub-merchant, service and mini program; the merchant's API key, the WeChat Pay keys and the
/// secrets. Nothing here is real. RSA keys are generated once per test run (slow), on first use; the PEM files on disk
/// are written once, on first use.
/// </summary>
public static class TestKeys
{
    public const string MchId = "1230000109";
    public const string SubMchId = "1900000109";
    public const string ServiceId = "2002000000000558128851361561536";
    public const string AppId = "wxd678efh567hg6787";

    /// <summary>The mini program's AppSecret (jscode2session).</summary>
    public const string AppSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>The serial number of the merchant's API certificate (signs requests, <c>serial_no</c>).</summary>
    public const string MerchantSerial = "3775B6A45ACD588826D15E583A95F5DD2C5EB5B7";

    /// <summary>The WeChat Pay public key id (public-key mode, apiv3-security.md §1's example).</summary>
    public const string PublicKeyId = "PUB_KEY_ID_0000000000000024101100397200000006";

    /// <summary>The serial of the first WeChat Pay platform certificate (certificate mode; key <see cref="WeChat"/>).</summary>
    public const string CertificateSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    /// <summary>The serial of a rotated platform certificate (key <see cref="WeChatRotated"/>).</summary>
    public const string RotatedCertificateSerial = "6A1D2C3B4E5F60718293A4B5C6D7E8F901234567";

    public const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    public const string ApiV2Key = "192006250b4c09247ec02edce69f6a2d";

    private static readonly Lazy<RSA> MerchantKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> WeChatKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> WeChatRotatedKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> AttackerKey = new(() => RSA.Create(2048));
    private static readonly Lazy<string> FolderLazy = new(WriteFolder);

    /// <summary>The service provider's API-certificate private key.</summary>
    public static RSA Merchant => MerchantKey.Value;

    /// <summary>The WeChat Pay key (public-key mode, and the first platform certificate).</summary>
    public static RSA WeChat => WeChatKey.Value;

    /// <summary>A second WeChat Pay key (a rotated platform certificate).</summary>
    public static RSA WeChatRotated => WeChatRotatedKey.Value;

    /// <summary>A key nobody trusts.</summary>
    public static RSA Attacker => AttackerKey.Value;

    /// <summary>PKCS#8.</summary>
    public static string MerchantPrivateKeyPem => Merchant.ExportPkcs8PrivateKeyPem();

    /// <summary>SPKI.</summary>
    public static string MerchantPublicKeyPem => Merchant.ExportSubjectPublicKeyInfoPem();

    public static string WeChatPublicKeyPem => WeChat.ExportSubjectPublicKeyInfoPem();

    public static string AttackerPublicKeyPem => Attacker.ExportSubjectPublicKeyInfoPem();

    /// <summary>A folder holding the keys as PEM files (<c>merchant_key.pem</c>, <c>merchant_public.pem</c>, <c>wechat_key.pem</c>, <c>wechat_public.pem</c>).</summary>
    public static string Folder => FolderLazy.Value;

    public static string MerchantPrivateKeyPath => Path.Combine(Folder, "merchant_key.pem");

    public static string MerchantPublicKeyPath => Path.Combine(Folder, "merchant_public.pem");

    /// <summary>WeChat Pay's private key: what a sandbox signs with, and tests sign their own callbacks with.</summary>
    public static string WeChatPrivateKeyPath => Path.Combine(Folder, "wechat_key.pem");

    public static string WeChatPublicKeyPath => Path.Combine(Folder, "wechat_public.pem");

    /// <summary>An X.509 certificate of <paramref name="key"/> with a chosen 40-hex serial, as WeChat Pay's platform certificates are (signed by the key itself).</summary>
    public static string CertificatePem(RSA key, string serialHex, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=Tenpay.com sign, O=Tenpay.com, C=CN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.Create(
            new X500DistinguishedName("CN=Tenpay.com Root CA"),
            X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            notBefore,
            notAfter,
            Convert.FromHexString(serialHex));
        return certificate.ExportCertificatePem();
    }

    private static string WriteFolder()
    {
        var folder = TempFolders.Create("keys");
        File.WriteAllText(Path.Combine(folder, "merchant_key.pem"), MerchantPrivateKeyPem);
        File.WriteAllText(Path.Combine(folder, "merchant_public.pem"), MerchantPublicKeyPem);
        File.WriteAllText(Path.Combine(folder, "wechat_key.pem"), WeChat.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, "wechat_public.pem"), WeChatPublicKeyPem);
        return folder;
    }
}
