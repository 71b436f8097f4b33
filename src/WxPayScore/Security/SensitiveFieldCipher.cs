using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Security;

/// <summary>
/// Encrypts a sensitive request field (a bank account, a name) for WeChat Pay: RSAES-OAEP with SHA-1/MGF1 under the WeChat
/// Pay public key or platform certificate, Base64 (apiv3-security.md §7). The request must name that key in <c>Wechatpay-Serial</c>.
/// </summary>
internal static class SensitiveFieldCipher
{
    public static string Encrypt(RSA wechatpayKey, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(wechatpayKey);
        ArgumentNullException.ThrowIfNull(plaintext);
        return Convert.ToBase64String(wechatpayKey.Encrypt(Encoding.UTF8.GetBytes(plaintext), RSAEncryptionPadding.OaepSHA1));
    }
}
