namespace WxPayScore.Server.Security;

/// <summary>
/// Section <c>RateLimits</c>. The defaults are far above what a real user does; the test suites and the load tool raise
/// them. A limit of 0 turns that limit off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary><c>POST /api/session</c> (each one costs a jscode2session call) per client address and window.</summary>
    public int SessionsPerClient { get; set; } = 30;

    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong admin keys per client address and window; past it, the address gets 429 until the window ends.</summary>
    public int AdminAuthFailuresPerClient { get; set; } = 10;

    public TimeSpan AdminAuthFailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Order creations per user (openid) and window.</summary>
    public int OrderCreatesPerUser { get; set; } = 10;

    public TimeSpan OrderCreateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orders a user may hold not yet confirmed (CREATING or CREATED) before creating another.</summary>
    public int OpenOrdersPerUser { get; set; } = 5;

    /// <summary>Callbacks processed at once; further ones wait in a queue (WeChat's own pace is far below this).</summary>
    public int CallbackConcurrency { get; set; } = 32;

    /// <summary>Callbacks waiting for a slot; only past this are callbacks refused (429, WeChat retries later).</summary>
    public int CallbackQueue { get; set; } = 10_000;
}
