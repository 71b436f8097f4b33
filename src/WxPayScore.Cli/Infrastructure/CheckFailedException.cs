namespace WxPayScore.Cli.Infrastructure;

/// <summary>The command ran but what it checked or asked for failed: exit code 1, with an error code for <c>--json</c>.</summary>
internal sealed class CheckFailedException : Exception
{
    public CheckFailedException()
    {
        Code = "failed";
    }

    public CheckFailedException(string message)
        : base(message)
    {
        Code = "failed";
    }

    public CheckFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = "failed";
    }

    public CheckFailedException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
