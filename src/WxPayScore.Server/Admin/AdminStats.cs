namespace WxPayScore.Server.Admin;

/// <summary>Counts of orders per phase now, and over time (<see cref="Buckets"/> × one series per phase).</summary>
public sealed record AdminStats(
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyDictionary<string, int[]> Series);
