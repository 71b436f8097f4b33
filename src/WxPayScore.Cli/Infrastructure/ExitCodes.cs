namespace WxPayScore.Cli.Infrastructure;

/// <summary>What scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked out / the call succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A check failed, WeChat (or the sandbox) refused the call, a callback did not verify, or the user declined.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or configuration: nothing was sent.</summary>
    public const int UsageError = 2;
}
