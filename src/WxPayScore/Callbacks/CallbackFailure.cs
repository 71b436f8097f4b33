namespace WxPayScore.Callbacks;

/// <summary>Why a callback was refused. Each bad input has its own value; answer any of them with a non-2xx.</summary>
public enum CallbackFailure
{
    None = 0,
    BodyTooLarge,
    MissingHeaders,
    StaleTimestamp,
    UnknownSerial,
    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> probe: WeChat checks that we refuse it.</summary>
    SignatureProbe,
    InvalidSignature,
    MalformedEnvelope,
    UnsupportedAlgorithm,
    InvalidBase64,
    DecryptionFailed,
    MalformedResource,
}
