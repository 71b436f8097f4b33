namespace WxPayScore.Errors;

/// <summary>Why a signed message (a response or a callback) was not accepted as WeChat's.</summary>
public enum ResponseVerificationFailure
{
    None = 0,
    MissingHeaders,
    StaleTimestamp,
    UnknownSerial,
    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> probe: deliberately invalid, must be rejected like any bad signature.</summary>
    SignatureProbe,
    InvalidSignature,
}
