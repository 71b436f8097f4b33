namespace WxPayScore.Sandbox;

/// <summary>A service provider (服务商) allowed to call the sandbox, with the sub-merchants it is authorised for.</summary>
public sealed class SandboxServiceProvider
{
    /// <summary>The SP merchant id, as sent in <c>Authorization: … mchid="…"</c>.</summary>
    public string MchId { get; set; } = string.Empty;

    /// <summary>Serial (hex) of the merchant API certificate whose private key signs the requests.</summary>
    public string SerialNumber { get; set; } = string.Empty;

    /// <summary>The merchant's public key as PEM text (SPKI); or give <see cref="PublicKeyPath"/> or <see cref="CertificatePath"/>.</summary>
    public string? PublicKeyPem { get; set; }

    public string? PublicKeyPath { get; set; }

    /// <summary>The merchant API certificate (<c>apiclient_cert.pem</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The 32-byte APIv3 key that encrypts callbacks and platform certificates for this merchant.</summary>
    public string ApiV3Key { get; set; } = string.Empty;

    /// <summary>
    /// The SP's 32-character APIv2 key (optional). When set, a confirm page opened with the legacy signed extraData fields
    /// (<c>mch_id, timestamp, nonce_str, sign_type, sign</c> besides <c>package</c>) has its <c>sign</c> verified
    /// (HMAC-SHA256); a wrong one is refused with 商户签名校验失败. Without it those fields are ignored.
    /// </summary>
    public string? ApiV2Key { get; set; }

    /// <summary>
    /// Which WeChat Pay key id signs this merchant's answers and callbacks: <c>Auto</c> (default: the one the request's
    /// <c>Wechatpay-Serial</c> asks for, else the last one asked, else the public-key id — a merchant migrating between the
    /// two), <c>PublicKey</c> (always <c>PUB_KEY_ID_…</c>) or <c>Certificate</c> (always the platform certificate serial,
    /// like a merchant that never switched to the public key).
    /// </summary>
    public string PlatformKeyMode { get; set; } = "Auto";

    /// <summary>
    /// The refund notification URL set in the SP platform (交易中心 → 退款管理 → 退款配置): where <c>REFUND.*</c> notifications go
    /// when a refund request carries no <c>notify_url</c>. Without either, no notification is sent (refunds.md §10.8).
    /// </summary>
    public string? RefundNotifyUrl { get; set; }

    /// <summary>Sub-merchants that authorised this SP for Pay Score; any other <c>sub_mchid</c> gets <c>403 NO_AUTH</c>.</summary>
    public List<string> SubMchIds { get; set; } = [];
}
