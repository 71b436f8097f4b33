using WxPayScore.Errors;

namespace WxPayScore.Sandbox.Api;

/// <summary>
/// A WeChat-style failure raised by a handler: rendered as <c>{code, message, detail}</c> with its HTTP status, and the
/// internal error number as the suffix of <c>Request-ID</c> (as WeChat does on failures).
/// </summary>
internal sealed class WeChatErrorException : Exception
{
    public WeChatErrorException(int status, string code, string message, WeChatPayErrorDetail? detail = null, long internalNumber = 268435455)
        : base(message)
    {
        Status = status;
        Code = code;
        Detail = detail;
        InternalNumber = internalNumber;
    }

    public WeChatErrorException()
        : this(500, WeChatPayErrorCodes.SystemError, "系统错误")
    {
    }

    public WeChatErrorException(string message)
        : this(500, WeChatPayErrorCodes.SystemError, message)
    {
    }

    public WeChatErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Code = WeChatPayErrorCodes.SystemError;
        InternalNumber = 268435455;
    }

    public int Status { get; }

    public string Code { get; }

    public WeChatPayErrorDetail? Detail { get; }

    public long InternalNumber { get; }

    public WeChatPayErrorBody ToBody() => new() { Code = Code, Message = Message, Detail = Detail };
}
