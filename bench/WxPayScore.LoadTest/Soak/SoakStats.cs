using System.Collections.Concurrent;
using System.Diagnostics;

namespace WxPayScore.LoadTest.Soak;

/// <summary>What was going on when a request started.</summary>
internal enum SoakWindow
{
    /// <summary>No sandbox faults, every instance up.</summary>
    Clean,

    /// <summary>Sandbox faults on, every instance up.</summary>
    Faults,

    /// <summary>An instance killed and not answering again yet (sandbox faults on or not).</summary>
    InstanceDown,
}

/// <summary>Latencies and counts of the users' and merchant's requests to the server, per <see cref="SoakWindow"/>.</summary>
internal sealed class SoakStats
{
    private readonly long[] ticks = new long[3];
    private readonly long[] ok = new long[3];
    private readonly long[] all = new long[3];
    private readonly LatencyLog[] latencies = [new(), new(), new()];

    /// <summary>False during the warm-up: nothing is recorded.</summary>
    public bool Measuring { get; set; }

    /// <summary>5xx (and no answer) per "status operation: cause".</summary>
    public ConcurrentDictionary<string, int> ServerErrors { get; } = new(StringComparer.Ordinal);

    public long Requests => all.Sum();

    public LatencyLog Latency(SoakWindow w) => latencies[(int)w];

    public double Seconds(SoakWindow w) => Interlocked.Read(ref ticks[(int)w]) / (double)Stopwatch.Frequency;

    public long Ok(SoakWindow w) => Interlocked.Read(ref ok[(int)w]);

    public long All(SoakWindow w) => Interlocked.Read(ref all[(int)w]);

    /// <summary>2xx answers per second of that window.</summary>
    public double Rate(SoakWindow w) => Seconds(w) > 0 ? Ok(w) / Seconds(w) : 0;

    public void AddTime(SoakWindow w, long elapsed)
    {
        if (Measuring)
        {
            Interlocked.Add(ref ticks[(int)w], elapsed);
        }
    }

    public void Add(SoakWindow w, long start, long end, bool success)
    {
        if (!Measuring)
        {
            return;
        }

        latencies[(int)w].Add(start, end);
        Interlocked.Increment(ref all[(int)w]);
        if (success)
        {
            Interlocked.Increment(ref ok[(int)w]);
        }
    }

    public void ServerError(string key) => ServerErrors.AddOrUpdate(key, 1, (_, n) => n + 1);
}
