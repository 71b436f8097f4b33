namespace WxPayScore.Errors;

/// <summary>Why a signed message (a response or a callback) was not accepted as WeChat's.</summary>
public enum ResponseVerificationFailure
{
    /// <summary>The message verified.</summary>
    None = 0,
    /// <summary>A <c>Wechatpay-*</c> header needed for verification is missing.</summary>
    MissingHeaders,
    /// <summary><c>Wechatpay-Timestamp</c> is outside the allowed window.</summary>
    StaleTimestamp,
    /// <summary><c>Wechatpay-Serial</c> names no key we hold.</summary>
    UnknownSerial,
    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> probe: deliberately invalid, must be rejected like any bad signature.</summary>
    SignatureProbe,
    /// <summary>The signature does not verify over the raw body.</summary>
    InvalidSignature,
}
