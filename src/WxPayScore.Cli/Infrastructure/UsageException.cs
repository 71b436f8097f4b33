namespace WxPayScore.Cli.Infrastructure;

/// <summary>Bad usage or configuration, found before anything was sent: exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
