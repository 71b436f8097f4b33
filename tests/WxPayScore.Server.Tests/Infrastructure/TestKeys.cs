using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>Key material generated once per test run: the merchant's key pair and the key the sandbox signs with as WeChat Pay.</summary>
public static class TestKeys
{
    public const string MchId = "1230000109";
    public const string SubMchId = "1900000109";
    public const string ServiceId = "2002000000000558128851361561536";
    public const string AppId = "wxd678efh567hg6787";
    public const string AppSecret = "test-mini-program-secret";
    public const string MerchantSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    public const string PublicKeyId = "PUB_KEY_ID_0114000000000000000000000000000001";
    public const string AdminKey = "test-admin-key-0123456789";
    public const string SessionKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static readonly Lazy<string> FolderLazy = new(Create);

    public static string Folder => FolderLazy.Value;

    public static string MerchantPrivateKeyPath => Path.Combine(Folder, "merchant_key.pem");

    public static string MerchantPublicKeyPath => Path.Combine(Folder, "merchant_public.pem");

    /// <summary>The sandbox's (WeChat Pay's) private key: tests sign their own callbacks with it.</summary>
    public static string WeChatPrivateKeyPath => Path.Combine(Folder, "wechat_key.pem");

    public static string WeChatPublicKeyPath => Path.Combine(Folder, "wechat_public.pem");

    public static RSA LoadWeChatPrivateKey() => PemKeys.LoadPrivateKey(File.ReadAllText(WeChatPrivateKeyPath));

    public static string NewTempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "wxpayscore-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Create()
    {
        var folder = NewTempFolder("keys");
        Write(folder, "merchant_key.pem", "merchant_public.pem");
        Write(folder, "wechat_key.pem", "wechat_public.pem");
        return folder;
    }

    private static void Write(string folder, string privateName, string publicName)
    {
        using var rsa = RSA.Create(2048);
        File.WriteAllText(Path.Combine(folder, privateName), PemKeys.ExportPrivateKeyPem(rsa));
        File.WriteAllText(Path.Combine(folder, publicName), PemKeys.ExportPublicKeyPem(rsa));
    }
}
