namespace WxPayScore.Errors;

/// <summary>Base of every failure this SDK reports about an exchange with WeChat Pay.</summary>
public class WeChatPayException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeChatPayException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public WeChatPayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public WeChatPayException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <c>Request-ID</c> response header, to give to WeChat support.</summary>
    public string? RequestId { get; init; }
}
