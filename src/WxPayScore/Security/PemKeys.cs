using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WxPayScore.Security;

/// <summary>Loads RSA keys from PEM text or files (PKCS#8, PKCS#1, SPKI, X.509 certificate).</summary>
internal static class PemKeys
{
    /// <summary>A private key from PEM: <c>BEGIN PRIVATE KEY</c> (PKCS#8) or <c>BEGIN RSA PRIVATE KEY</c> (PKCS#1).</summary>
    public static RSA LoadPrivateKey(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new FormatException("The merchant private key is not a PEM private key (expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----').");
        }

        return ImportPem(pem, "The merchant private key PEM could not be read as an RSA key.");
    }

    /// <summary>A public key from an SPKI PEM (<c>BEGIN PUBLIC KEY</c>), a PKCS#1 public key, or an X.509 certificate PEM.</summary>
    public static RSA LoadPublicKey(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey()
                ?? throw new FormatException("The certificate does not carry an RSA public key.");
        }

        if (!pem.Contains("PUBLIC KEY-----", StringComparison.Ordinal))
        {
            throw new FormatException("Not a PEM public key (expected '-----BEGIN PUBLIC KEY-----' or a certificate).");
        }

        return ImportPem(pem, "The public key PEM could not be read as an RSA key.");
    }

    /// <summary>Exports a public key as SPKI PEM.</summary>
    public static string ExportPublicKeyPem(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Exports a private key as PKCS#8 PEM.</summary>
    public static string ExportPrivateKeyPem(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Imports <paramref name="pem"/> into a new RSA key; an unreadable PEM is a <see cref="FormatException"/> saying <paramref name="failure"/>.</summary>
    private static RSA ImportPem(string pem, string failure)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new FormatException(failure, ex);
        }

        return rsa;
    }
}
