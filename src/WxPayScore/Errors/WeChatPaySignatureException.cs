namespace WxPayScore.Errors;

/// <summary>A 2xx response whose signature did not verify: treated as forged, never as a result.</summary>
public sealed class WeChatPaySignatureException : WeChatPayException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeChatPaySignatureException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public WeChatPaySignatureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public WeChatPaySignatureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an answer that did not verify: why, a message and the Request-ID.</summary>
    public WeChatPaySignatureException(ResponseVerificationFailure failure, string message, string? requestId)
        : base(message)
    {
        Failure = failure;
        RequestId = requestId;
    }

    /// <summary>Why the answer did not verify.</summary>
    public ResponseVerificationFailure Failure { get; }
}
