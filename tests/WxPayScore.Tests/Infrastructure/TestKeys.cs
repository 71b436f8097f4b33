using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>
/// Key material generated once per test run: the merchant's key (signs requests), the "WeChat" keys (sign responses and
/// callbacks) and the secrets. Nothing here is real; generating RSA keys is slow, so they are shared.
/// </summary>
public static class TestKeys
{
    public const string MchId = "1230000109";
    public const string SubMchId = "1900000109";
    public const string ServiceId = "2002000000000558128851361561536";
    public const string AppId = "wxd678efh567hg6787";
    public const string MerchantSerial = "3775B6A45ACD588826D15E583A95F5DD2C5EB5B7";
    public const string PublicKeyId = "PUB_KEY_ID_0000000000000024101100397200000006";
    public const string CertificateSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string RotatedCertificateSerial = "6A1D2C3B4E5F60718293A4B5C6D7E8F901234567";
    public const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    public const string ApiV2Key = "192006250b4c09247ec02edce69f6a2d";

    private static readonly Lazy<RSA> MerchantKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> WeChatKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> WeChatRotatedKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> AttackerKey = new(() => RSA.Create(2048));

    /// <summary>The service provider's API-certificate private key.</summary>
    public static RSA Merchant => MerchantKey.Value;

    /// <summary>The WeChat Pay key (public-key mode, and the first platform certificate).</summary>
    public static RSA WeChat => WeChatKey.Value;

    /// <summary>A second WeChat Pay key (a rotated platform certificate).</summary>
    public static RSA WeChatRotated => WeChatRotatedKey.Value;

    /// <summary>A key nobody trusts.</summary>
    public static RSA Attacker => AttackerKey.Value;

    public static string MerchantPrivateKeyPem => Merchant.ExportPkcs8PrivateKeyPem();

    public static string WeChatPublicKeyPem => PemKeys.ExportPublicKeyPem(WeChat);
}
