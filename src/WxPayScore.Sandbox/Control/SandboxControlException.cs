namespace WxPayScore.Sandbox;

/// <summary>A control operation was refused; the HTTP control API answers <see cref="StatusCode"/> with <c>{code, message}</c>.</summary>
public sealed class SandboxControlException : Exception
{
    public SandboxControlException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public SandboxControlException()
        : this(400, "INVALID_REQUEST", "The control request was refused.")
    {
    }

    public SandboxControlException(string message)
        : this(400, "INVALID_REQUEST", message)
    {
    }

    public SandboxControlException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Code = "INVALID_REQUEST";
    }

    public int StatusCode { get; }

    public string Code { get; }
}
