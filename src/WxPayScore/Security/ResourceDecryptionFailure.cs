namespace WxPayScore.Security;

internal enum ResourceDecryptionFailure
{
    InvalidBase64,
    InvalidNonce,
    AuthenticationFailed,
}
