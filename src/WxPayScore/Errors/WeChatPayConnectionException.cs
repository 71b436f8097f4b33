namespace WxPayScore.Errors;

/// <summary>
/// No answer from WeChat Pay after every retry (connection failure, timeout). The outcome of a create or complete
/// is unknown: query the order before acting again.
/// </summary>
public sealed class WeChatPayConnectionException : WeChatPayException
{
    public WeChatPayConnectionException()
    {
    }

    public WeChatPayConnectionException(string message)
        : base(message)
    {
    }

    public WeChatPayConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
