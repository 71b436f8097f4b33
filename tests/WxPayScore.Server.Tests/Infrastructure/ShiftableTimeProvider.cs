namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>The system clock plus an offset a test can move forward (signatures with the sandbox still agree while the offset is small).</summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
