namespace WxPayScore.Cli.Infrastructure;

/// <summary>"Now" pinned to one instant: <c>callbacks verify --at</c> judges an old capture as of the time it arrived.</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset now;

    public FixedTimeProvider(DateTimeOffset now)
    {
        this.now = now;
    }

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
