namespace WxPayScore.Callbacks;

/// <summary>Why a callback was refused. Each bad input has its own value; answer any of them with a non-2xx.</summary>
public enum CallbackFailure
{
    /// <summary>The callback was accepted.</summary>
    None = 0,
    /// <summary>The body is larger than <c>WeChatPay:MaxCallbackBodyBytes</c>.</summary>
    BodyTooLarge,
    /// <summary>A <c>Wechatpay-Timestamp</c>, <c>-Nonce</c>, <c>-Signature</c> or <c>-Serial</c> header is missing.</summary>
    MissingHeaders,
    /// <summary><c>Wechatpay-Timestamp</c> is outside the allowed window (<c>WeChatPay:TimestampTolerance</c>).</summary>
    StaleTimestamp,
    /// <summary><c>Wechatpay-Serial</c> names no key we hold (or certificates could not be obtained to check it).</summary>
    UnknownSerial,
    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> probe: WeChat checks that we refuse it.</summary>
    SignatureProbe,
    /// <summary>The signature does not verify over the raw body.</summary>
    InvalidSignature,
    /// <summary>The body is not a notification envelope with <c>id</c>, <c>event_type</c> and <c>resource</c>.</summary>
    MalformedEnvelope,
    /// <summary><c>resource.algorithm</c> is not <c>AEAD_AES_256_GCM</c>.</summary>
    UnsupportedAlgorithm,
    /// <summary><c>resource.ciphertext</c> is missing or not Base64.</summary>
    InvalidBase64,
    /// <summary>AES-256-GCM decryption failed (altered data, wrong nonce, or a wrong APIv3 key).</summary>
    DecryptionFailed,
    /// <summary>
    /// The decrypted resource is not what its event announces: a service order with an <c>out_order_no</c>
    /// (<c>PAYSCORE.*</c>), or a refund with <c>out_refund_no</c>, <c>sub_mchid</c> and the event's <c>refund_status</c> (<c>REFUND.*</c>).
    /// </summary>
    MalformedResource,
}
