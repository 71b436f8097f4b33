namespace WxPayScore.Errors;

/// <summary>
/// No answer from WeChat Pay after every retry (connection failure, timeout). The outcome of a create or complete
/// is unknown: query the order before acting again.
/// </summary>
public sealed class WeChatPayConnectionException : WeChatPayException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeChatPayConnectionException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public WeChatPayConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause (the last connection failure).</summary>
    public WeChatPayConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
