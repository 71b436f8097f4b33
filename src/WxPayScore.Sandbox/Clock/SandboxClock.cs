using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox;

/// <summary>
/// The sandbox's business clock: the wall clock plus an offset that only grows (moved by the control API).
/// It drives package validity, the 30-day expiry, <c>time_range</c> checks, callback retries and delayed collections.
/// Signatures never use it: request and response timestamps are checked against <see cref="Wall"/>, so moving the
/// business clock by 30 days does not make every signature stale.
/// </summary>
public sealed class SandboxClock
{
    private long offsetTicks;

    public SandboxClock(TimeProvider wall)
    {
        Wall = wall ?? throw new ArgumentNullException(nameof(wall));
    }

    /// <summary>The real clock used for signature timestamps.</summary>
    public TimeProvider Wall { get; }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public DateTimeOffset UtcNow => Wall.GetUtcNow() + Offset;

    /// <summary>The business time in Beijing time (UTC+8), as WeChat writes every Pay Score time.</summary>
    public DateTimeOffset BeijingNow => UtcNow.ToOffset(ServiceTime.BeijingOffset);

    /// <summary>Unix seconds of the wall clock, for <c>Wechatpay-Timestamp</c> and the Authorization check.</summary>
    public long WallUnixSeconds => Wall.GetUtcNow().ToUnixTimeSeconds();

    internal void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The business clock only moves forward.");
        }

        Interlocked.Add(ref offsetTicks, by.Ticks);
    }

    internal void Restore(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);
}
