namespace WxPayScore.Benchmarks;

/// <summary>A clock that stands still, so signed timestamps never leave the verification window during a long run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
