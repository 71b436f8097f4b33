using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Security;

/// <summary>
/// The sandbox's own WeChat Pay key pair, its <c>PUB_KEY_ID_…</c>, and a self-signed platform certificate (40-hex serial)
/// for the same key (the legacy certificate mode). Generated on first start into the data folder and reused afterwards.
/// </summary>
internal sealed class SandboxKeys : IDisposable
{
    public const string PrivateKeyFile = "wechatpay_private_key.pem";
    public const string PublicKeyFile = "wechatpay_public_key.pem";
    public const string PublicKeyIdFile = "wechatpay_public_key_id.txt";
    public const string CertificateFile = "wechatpay_platform_cert.pem";

    private SandboxKeys(RSA privateKey, string publicKeyId, string publicKeyPem, string publicKeyPath, X509Certificate2 certificate)
    {
        PrivateKey = privateKey;
        PublicKeyId = publicKeyId;
        PublicKeyPem = publicKeyPem;
        PublicKeyPath = publicKeyPath;
        Certificate = certificate;
        CertificatePem = certificate.ExportCertificatePem();
        CertificateSerial = certificate.SerialNumber.ToUpperInvariant();
    }

    public RSA PrivateKey { get; }

    public string PublicKeyId { get; }

    public string PublicKeyPem { get; }

    public string PublicKeyPath { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem { get; }

    /// <summary>40 upper-case hex digits.</summary>
    public string CertificateSerial { get; }

    public static SandboxKeys LoadOrCreate(string dataPath, string? privateKeyPath, string? publicKeyId, TimeProvider wall)
    {
        Directory.CreateDirectory(dataPath);
        var keyPath = privateKeyPath is { Length: > 0 } ? privateKeyPath : Path.Combine(dataPath, PrivateKeyFile);
        RSA key;
        if (File.Exists(keyPath))
        {
            key = PemKeys.LoadPrivateKey(File.ReadAllText(keyPath));
        }
        else if (privateKeyPath is { Length: > 0 })
        {
            throw new FileNotFoundException($"Sandbox:PrivateKeyPath '{privateKeyPath}' does not exist.", privateKeyPath);
        }
        else
        {
            key = RSA.Create(2048);
            WriteSecret(keyPath, PemKeys.ExportPrivateKeyPem(key));
        }

        var publicPem = PemKeys.ExportPublicKeyPem(key);
        var publicPath = Path.GetFullPath(Path.Combine(dataPath, PublicKeyFile));
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath).Trim() != publicPem.Trim())
        {
            File.WriteAllText(publicPath, publicPem + "\n");
        }

        var idPath = Path.Combine(dataPath, PublicKeyIdFile);
        var id = publicKeyId is { Length: > 0 }
            ? publicKeyId
            : File.Exists(idPath) ? File.ReadAllText(idPath).Trim() : null;
        if (string.IsNullOrEmpty(id))
        {
            id = NewPublicKeyId();
            File.WriteAllText(idPath, id + "\n");
        }

        var certPath = Path.Combine(dataPath, CertificateFile);
        X509Certificate2? certificate = null;
        if (File.Exists(certPath))
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
            using var certKey = certificate.GetRSAPublicKey();
            if (certKey is null || certKey.ExportSubjectPublicKeyInfoPem() != publicPem)
            {
                certificate.Dispose();
                certificate = null;
            }
        }

        if (certificate is null)
        {
            certificate = CreateCertificate(key, wall.GetUtcNow());
            File.WriteAllText(certPath, certificate.ExportCertificatePem() + "\n");
        }

        return new SandboxKeys(key, id, publicPem, publicPath, certificate);
    }

    /// <summary>The key id that signs an answer or a callback for <paramref name="merchant"/> (see <see cref="SandboxServiceProvider.PlatformKeyMode"/>).</summary>
    public string SerialFor(Merchants.RegisteredMerchant? merchant, string? asked)
    {
        switch (merchant?.KeyMode)
        {
            case Merchants.PlatformKeyMode.Certificate:
                return CertificateSerial;
            case Merchants.PlatformKeyMode.PublicKey:
                return PublicKeyId;
        }

        if (string.Equals(asked, CertificateSerial, StringComparison.OrdinalIgnoreCase))
        {
            return CertificateSerial;
        }

        return asked == PublicKeyId ? PublicKeyId : merchant?.PreferredSerial ?? PublicKeyId;
    }

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }

    /// <summary><c>PUB_KEY_ID_</c> + 34 digits, the shape of the spec's example <c>PUB_KEY_ID_0000000000000024101100397200000006</c>.</summary>
    public static string NewPublicKeyId()
    {
        Span<char> digits = stackalloc char[34];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return "PUB_KEY_ID_" + new string(digits);
    }

    private static X509Certificate2 CreateCertificate(RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(
            new X500DistinguishedName("CN=WxPayScore Sandbox WeChat Pay Platform, O=Tenpay.com, C=CN"),
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] = (byte)(0x10 + (serial[0] % 0x70)); // positive, and exactly 40 hex digits
        var generator = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
        return request.Create(request.SubjectName, generator, now.AddDays(-1), now.AddYears(5), serial);
    }

    private static void WriteSecret(string path, string pem)
    {
        File.WriteAllText(path, pem + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PublicKeyId} / {CertificateSerial}");
}
