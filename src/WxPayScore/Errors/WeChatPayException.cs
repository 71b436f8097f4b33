namespace WxPayScore.Errors;

/// <summary>Base of every failure this SDK reports about an exchange with WeChat Pay.</summary>
public class WeChatPayException : Exception
{
    public WeChatPayException()
    {
    }

    public WeChatPayException(string message)
        : base(message)
    {
    }

    public WeChatPayException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <c>Request-ID</c> response header, to give to WeChat support.</summary>
    public string? RequestId { get; init; }
}
