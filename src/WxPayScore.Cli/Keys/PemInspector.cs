using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WxPayScore.Cli.Keys;

/// <summary>Reads every PEM block of a text and says what each one is (System.Security.Cryptography only).</summary>
internal static class PemInspector
{
    public static IReadOnlyList<PemBlockInfo> Inspect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlockInfo>();
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            var der = Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
            blocks.Add(InspectBlock(label, der));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    private static PemBlockInfo InspectBlock(string label, byte[] der)
    {
        try
        {
            return label switch
            {
                "PRIVATE KEY" => PrivateKey(label, PemKind.PrivateKeyPkcs8, der),
                "RSA PRIVATE KEY" => PrivateKey(label, PemKind.PrivateKeyPkcs1, der),
                "ENCRYPTED PRIVATE KEY" => new PemBlockInfo { Label = label, Kind = PemKind.EncryptedPrivateKey },
                "PUBLIC KEY" => PublicKey(label, PemKind.PublicKey, der),
                "RSA PUBLIC KEY" => PublicKey(label, PemKind.RsaPublicKeyPkcs1, der),
                "CERTIFICATE" => Certificate(label, der),
                _ => new PemBlockInfo { Label = label, Kind = PemKind.Unknown },
            };
        }
        catch (CryptographicException ex)
        {
            var kind = label switch
            {
                "PRIVATE KEY" => PemKind.PrivateKeyPkcs8,
                "RSA PRIVATE KEY" => PemKind.PrivateKeyPkcs1,
                "PUBLIC KEY" => PemKind.PublicKey,
                "RSA PUBLIC KEY" => PemKind.RsaPublicKeyPkcs1,
                "CERTIFICATE" => PemKind.Certificate,
                _ => PemKind.Unknown,
            };
            return new PemBlockInfo { Label = label, Kind = kind, Error = ex.Message };
        }
    }

    private static PemBlockInfo PrivateKey(string label, PemKind kind, byte[] der)
    {
        if (kind == PemKind.PrivateKeyPkcs1)
        {
            using var pkcs1 = RSA.Create();
            pkcs1.ImportRSAPrivateKey(der, out _);
            return Key(label, kind, "RSA", pkcs1.KeySize, pkcs1.ExportSubjectPublicKeyInfo());
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(der, out _);
            return Key(label, kind, "RSA", rsa.KeySize, rsa.ExportSubjectPublicKeyInfo());
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(der, out _);
            return Key(label, kind, "EC", ec.KeySize, ec.ExportSubjectPublicKeyInfo());
        }
    }

    private static PemBlockInfo PublicKey(string label, PemKind kind, byte[] der)
    {
        if (kind == PemKind.RsaPublicKeyPkcs1)
        {
            using var pkcs1 = RSA.Create();
            pkcs1.ImportRSAPublicKey(der, out _);
            return Key(label, kind, "RSA", pkcs1.KeySize, pkcs1.ExportSubjectPublicKeyInfo());
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return Key(label, kind, "RSA", rsa.KeySize, der);
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(der, out _);
            return Key(label, kind, "EC", ec.KeySize, der);
        }
    }

    private static PemBlockInfo Certificate(string label, byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        using var rsa = certificate.GetRSAPublicKey();
        using var ec = rsa is null ? certificate.GetECDsaPublicKey() : null;
        return new PemBlockInfo
        {
            Label = label,
            Kind = PemKind.Certificate,
            Algorithm = rsa is not null ? "RSA" : ec is not null ? "EC" : certificate.PublicKey.Oid.FriendlyName,
            KeySize = rsa?.KeySize ?? ec?.KeySize,
            PublicKeyFingerprint = Fingerprint(spki),
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumber.ToUpperInvariant(),
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            CertificateSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256),
        };
    }

    private static PemBlockInfo Key(string label, PemKind kind, string algorithm, int size, byte[] spki) => new()
    {
        Label = label, Kind = kind, Algorithm = algorithm, KeySize = size, PublicKeyFingerprint = Fingerprint(spki),
    };

    /// <summary><c>SHA256:</c> + hex of the SubjectPublicKeyInfo hash.</summary>
    public static string Fingerprint(byte[] spki) => "SHA256:" + Convert.ToHexString(SHA256.HashData(spki));

    /// <summary>What a file that holds no PEM block probably is.</summary>
    public static string DescribeNonPem(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = System.Text.Encoding.UTF8.GetString(content);
        var trimmed = text.Trim();
        // Text first: an APIv3 key may start with '0', which is also DER's SEQUENCE tag (0x30).
        if (System.Text.Encoding.UTF8.GetByteCount(trimmed) == 32 && trimmed.All(char.IsAsciiLetterOrDigit))
        {
            return "no PEM block; 32 letters and digits: looks like an APIv3 key (WeChatPay:ApiV3Key), which is a text setting, not a key file.";
        }

        if (content.Length > 0 && content[0] == 0x30)
        {
            return "binary DER (no PEM armour): a .p12/.pfx bundle or a DER key/certificate. WeChat's apiclient_key.pem is PEM; convert with openssl if needed.";
        }

        if (trimmed.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal))
        {
            return "no PEM block; it is a WeChat Pay public key id (WeChatPay:PublicKeyId), not the key itself.";
        }

        return trimmed.Length == 0 ? "the file is empty." : "no PEM block (-----BEGIN …-----) found.";
    }
}
