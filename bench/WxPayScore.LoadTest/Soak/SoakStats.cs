using System.Collections.Concurrent;
using System.Diagnostics;

namespace WxPayScore.LoadTest.Soak;

/// <summary>Latencies and counts of the users' and merchant's requests to the server, split by whether faults were on.</summary>
internal sealed class SoakStats
{
    private long faultyTicks;
    private long cleanTicks;
    private long faultyOk;
    private long cleanOk;
    private long faultyAll;
    private long cleanAll;

    /// <summary>False during the warm-up: nothing is recorded.</summary>
    public bool Measuring { get; set; }

    public LatencyLog Faulty { get; } = new();

    public LatencyLog Clean { get; } = new();

    /// <summary>5xx (and no answer) per "status operation: cause".</summary>
    public ConcurrentDictionary<string, int> ServerErrors { get; } = new(StringComparer.Ordinal);

    public double FaultySeconds => Interlocked.Read(ref faultyTicks) / (double)Stopwatch.Frequency;

    public double CleanSeconds => Interlocked.Read(ref cleanTicks) / (double)Stopwatch.Frequency;

    public long FaultyOk => Interlocked.Read(ref faultyOk);

    public long CleanOk => Interlocked.Read(ref cleanOk);

    public long FaultyAll => Interlocked.Read(ref faultyAll);

    public long CleanAll => Interlocked.Read(ref cleanAll);

    public void AddTime(bool faulty, long ticks)
    {
        if (Measuring)
        {
            Interlocked.Add(ref faulty ? ref faultyTicks : ref cleanTicks, ticks);
        }
    }

    public void Add(bool faulty, long start, long end, bool ok)
    {
        if (!Measuring)
        {
            return;
        }

        (faulty ? Faulty : Clean).Add(start, end);
        Interlocked.Increment(ref faulty ? ref faultyAll : ref cleanAll);
        if (ok)
        {
            Interlocked.Increment(ref faulty ? ref faultyOk : ref cleanOk);
        }
    }

    public void ServerError(string key) => ServerErrors.AddOrUpdate(key, 1, (_, n) => n + 1);
}
