using System.Collections.Concurrent;
using System.Diagnostics;

namespace WxPayScore.LoadTest;

/// <summary>Latencies in milliseconds, with percentiles.</summary>
internal sealed class LatencyLog
{
    private readonly ConcurrentBag<double> samples = [];

    public int Count => samples.Count;

    public void Add(long start, long end) => samples.Add((end - start) * 1000.0 / Stopwatch.Frequency);

    public (double P50, double P95, double P99, double Max) Percentiles()
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return (At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
