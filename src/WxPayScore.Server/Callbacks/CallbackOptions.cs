namespace WxPayScore.Server.Callbacks;

/// <summary>Section <c>Callbacks</c>: how much of the rejected (unauthenticated, junk) deliveries is kept.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callbacks";

    /// <summary>Rejected deliveries kept as a sample (newest first); the rest are only counted.</summary>
    public int RejectedSampleSize { get; set; } = 1000;

    /// <summary>Rejected deliveries older than this are deleted.</summary>
    public TimeSpan RejectedSampleRetention { get; set; } = TimeSpan.FromDays(7);
}
