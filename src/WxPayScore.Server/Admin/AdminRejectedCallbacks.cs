namespace WxPayScore.Server.Admin;

/// <summary>Rejected callbacks: counts per reason since <see cref="Since"/> and the kept sample (newest first).</summary>
public sealed record AdminRejectedCallbacks(
    DateTimeOffset Since,
    IReadOnlyDictionary<string, long> Counts,
    int SampleSize,
    double RetentionDays,
    IReadOnlyList<AdminNotificationView> Sample);
