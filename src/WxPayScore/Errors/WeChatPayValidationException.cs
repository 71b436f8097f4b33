namespace WxPayScore.Errors;

/// <summary>A request failed the SDK's own checks before anything was sent; <see cref="Field"/> names the JSON field.</summary>
public sealed class WeChatPayValidationException : ArgumentException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeChatPayValidationException()
    {
        Field = string.Empty;
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public WeChatPayValidationException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public WeChatPayValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception for a field: its JSON path and what is wrong with it.</summary>
    public WeChatPayValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>JSON path of the offending field, e.g. <c>post_payments[0].name</c>.</summary>
    public string Field { get; }
}
