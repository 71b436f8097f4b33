using System.Globalization;
using System.Security.Cryptography;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Security;

/// <summary>
/// The one place the sandbox signs as WeChat Pay (apiv3-security §4–5): API answers and callbacks alike get
/// <c>Wechatpay-Timestamp</c> (wall clock), a fresh <c>Wechatpay-Nonce</c>, the RSA-SHA256 signature of the verification
/// string over the exact body, and the <c>Wechatpay-Serial</c> of the key the merchant expects. The signature faults
/// (<c>invalid_signature</c>, <c>signtest_signature</c>, the SIGNTEST probe) are applied here too.
/// </summary>
internal sealed class WeChatSigner
{
    private readonly SandboxKeys keys;
    private readonly SandboxClock clock;

    public WeChatSigner(SandboxKeys keys, SandboxClock clock)
    {
        this.keys = keys;
        this.clock = clock;
    }

    /// <summary>Signs <paramref name="body"/> for <paramref name="merchant"/>; <paramref name="fault"/> may spoil the signature on purpose.</summary>
    public WeChatSignature Sign(ReadOnlySpan<byte> body, RegisteredMerchant? merchant, string? askedSerial = null, string? fault = null)
    {
        var timestamp = clock.WallUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = RsaSignature.Sign(keys.PrivateKey, SigningString.ForResponse(timestamp, nonce, body));
        if (fault == FaultKinds.InvalidSignature)
        {
            var bytes = Convert.FromBase64String(signature);
            bytes[^1] ^= 0x5A;
            signature = Convert.ToBase64String(bytes);
        }
        else if (fault == FaultKinds.SignTestSignature)
        {
            signature = RsaSignature.SignTestPrefix + signature;
        }

        return new WeChatSignature(timestamp, nonce, signature, keys.SerialFor(merchant, askedSerial));
    }

    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> signature (random, verifies against nothing): a merchant that accepts it does not verify.</summary>
    public WeChatSignature SignTestProbe(RegisteredMerchant? merchant) =>
        new(clock.WallUnixSeconds.ToString(CultureInfo.InvariantCulture), Nonce.Create(),
            RsaSignature.SignTestPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(192)), keys.SerialFor(merchant, null));
}
