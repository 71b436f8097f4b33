namespace WxPayScore.Tests.Shared;

/// <summary>
/// The system clock plus an adjustable offset. Unlike FakeTimeProvider its timers run in real time, so Polly's retry
/// back-off (which uses the TimeProvider registered in DI) still elapses, and signatures exchanged with a sandbox on the
/// system clock still agree while the offset is small. Shared by the test projects (linked source, tests/Shared/Time).
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Shift(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
