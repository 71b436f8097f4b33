namespace WxPayScore.Errors;

/// <summary>A 2xx response whose signature did not verify: treated as forged, never as a result.</summary>
public sealed class WeChatPaySignatureException : WeChatPayException
{
    public WeChatPaySignatureException()
    {
    }

    public WeChatPaySignatureException(string message)
        : base(message)
    {
    }

    public WeChatPaySignatureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public WeChatPaySignatureException(ResponseVerificationFailure failure, string message, string? requestId)
        : base(message)
    {
        Failure = failure;
        RequestId = requestId;
    }

    public ResponseVerificationFailure Failure { get; }
}
