namespace WxPayScore.Security;

public enum ResourceDecryptionFailure
{
    InvalidBase64,
    InvalidNonce,
    AuthenticationFailed,
}
