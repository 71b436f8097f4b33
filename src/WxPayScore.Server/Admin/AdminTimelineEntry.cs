namespace WxPayScore.Server.Admin;

/// <summary>
/// One entry of an order's timeline: <c>type</c> is <c>event</c> (history), <c>callback</c> (a delivery received,
/// with its verification result and outcome) or <c>call</c> (a journaled WeChat call and its outcome).
/// </summary>
public sealed record AdminTimelineEntry(
    DateTimeOffset At,
    string Type,
    string Kind,
    string? Source,
    string? FromPhase,
    string? ToPhase,
    string? NotificationId,
    string? Verification,
    string? Outcome,
    string? Detail);
