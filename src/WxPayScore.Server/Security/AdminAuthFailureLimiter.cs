using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Security;

/// <summary>Counts wrong admin keys per client address in a fixed window (<c>RateLimits:AdminAuthFailures*</c>).</summary>
public sealed class AdminAuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;
    private readonly TimeSpan window;

    public AdminAuthFailureLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        window = settings.AdminAuthFailureWindow;
        if (settings.AdminAuthFailuresPerClient > 0)
        {
            limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.AdminAuthFailuresPerClient,
                Window = settings.AdminAuthFailureWindow,
                QueueLimit = 0,
            }));
        }
    }

    /// <summary>Whether <paramref name="client"/> has used up its failures in this window (then its key is not even compared).</summary>
    public bool IsLockedOut(string client, out TimeSpan retryAfter)
    {
        retryAfter = window;
        return limiter is not null && limiter.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };
    }

    public void RecordFailure(string client)
    {
        using var lease = limiter?.AttemptAcquire(client);
    }

    public void Dispose() => limiter?.Dispose();
}
