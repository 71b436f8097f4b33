namespace WxPayScore.LoadTest;

/// <summary>Latency logs of one run and the counts of completed orders and errors.</summary>
internal sealed class Recorder
{
    private long orders;
    private long errors;

    public LatencyLog Create { get; } = new();

    public LatencyLog Query { get; } = new();

    public LatencyLog Confirm { get; } = new();

    public LatencyLog Order { get; } = new();

    public long Orders => Interlocked.Read(ref orders);

    public long Errors => Interlocked.Read(ref errors);

    public void Completed() => Interlocked.Increment(ref orders);

    public void Error() => Interlocked.Increment(ref errors);
}
