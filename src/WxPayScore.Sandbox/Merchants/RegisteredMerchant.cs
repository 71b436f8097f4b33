using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Merchants;

/// <summary>A configured service provider with its loaded keys.</summary>
internal sealed class RegisteredMerchant(string mchId, string serialNumber, RSA publicKey, ResourceCipher cipher, IReadOnlySet<string> subMchIds, PlatformKeyMode keyMode, string? apiV2Key = null, string? refundNotifyUrl = null)
{
    private string? preferredSerial;

    public string MchId { get; } = mchId;

    public string SerialNumber { get; } = serialNumber;

    public RSA PublicKey { get; } = publicKey;

    public ResourceCipher Cipher { get; } = cipher;

    public IReadOnlySet<string> SubMchIds { get; } = subMchIds;

    public PlatformKeyMode KeyMode { get; } = keyMode;

    /// <summary>The APIv2 key that signs the legacy confirm-page extraData; null when none is configured.</summary>
    public string? ApiV2Key { get; } = apiV2Key;

    /// <summary>Where <c>REFUND.*</c> notifications go when a refund request has no <c>notify_url</c> (the platform's 退款配置).</summary>
    public string? RefundNotifyUrl { get; } = refundNotifyUrl;

    /// <summary>The <c>Wechatpay-Serial</c> this merchant last asked for (public-key id or certificate serial); callbacks follow it.</summary>
    public string? PreferredSerial
    {
        get => Volatile.Read(ref preferredSerial);
        set => Volatile.Write(ref preferredSerial, value);
    }
}
