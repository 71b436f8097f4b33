using System.Security.Cryptography;
using System.Text;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Security;

namespace WxPayScore.Sandbox.Refunds;

/// <summary>
/// Decrypts a sensitive field of an abnormal refund (bank account, name): RSA-OAEP under the WeChat Pay key the request
/// names in <c>Wechatpay-Serial</c> (the sandbox's public key and platform certificate share one key pair).
/// </summary>
internal static class SensitiveFields
{
    public static string Decrypt(SandboxKeys keys, string serial, string ciphertext, string pointer)
    {
        if (serial != keys.PublicKeyId && !string.Equals(serial, keys.CertificateSerial, StringComparison.OrdinalIgnoreCase))
        {
            throw WeChatErrors.Param("Wechatpay-Serial", "不是微信支付公钥ID或平台证书序列号", serial, "header",
                message: "Wechatpay-Serial不是有效的微信支付公钥ID或平台证书序列号");
        }

        try
        {
            return Encoding.UTF8.GetString(keys.PrivateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw Orders.Wire.FieldRules.Invalid(pointer, "解密失败：须以Wechatpay-Serial指定的微信支付公钥做RSA-OAEP加密");
        }
    }
}
