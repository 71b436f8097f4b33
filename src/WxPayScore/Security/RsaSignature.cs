using System.Security.Cryptography;

namespace WxPayScore.Security;

/// <summary>RSASSA-PKCS1-v1_5 with SHA-256, Base64: the only signature scheme of WECHATPAY2-SHA256-RSA2048.</summary>
internal static class RsaSignature
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>WeChat's deliberately invalid probe signatures start with this.</summary>
    public const string SignTestPrefix = "WECHATPAY/SIGNTEST/";

    public static string Sign(RSA privateKey, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return Convert.ToBase64String(privateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>False for any malformed, probe or mismatching signature; never throws for bad input.</summary>
    public static bool Verify(RSA publicKey, ReadOnlySpan<byte> message, string? signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (string.IsNullOrEmpty(signatureBase64) || signatureBase64.StartsWith(SignTestPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[512];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length))
        {
            return false;
        }

        try
        {
            return publicKey.VerifyData(message, signature[..length], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
