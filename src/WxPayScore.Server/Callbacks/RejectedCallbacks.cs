using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Callbacks;

/// <summary>
/// Rejected deliveries (failed verification: anyone on the internet can post them): counted per reason, and stored
/// only as a bounded sample (<see cref="CallbackOptions"/>) so junk cannot grow the database without bound. The
/// counts are this instance's since it started (also exported as the <c>wxpayscore.server.callbacks</c> metric).
/// </summary>
public sealed class RejectedCallbacks
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly OrderWrites writes;
    private readonly CallbackOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<RejectedCallbacks> logger;
    private readonly int pruneEvery;
    private long sinceLastPrune;

    public RejectedCallbacks(OrderWrites writes, IOptions<CallbackOptions> options, TimeProvider time, ILogger<RejectedCallbacks> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.writes = writes;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        Since = time.GetUtcNow();

        // Prune after every tenth of the sample (at most every 100): the table holds at most 10% more than the sample.
        pruneEvery = Math.Clamp(this.options.RejectedSampleSize / 10, 1, 100);
    }

    public DateTimeOffset Since { get; }

    public IReadOnlyDictionary<string, long> Counts => counts.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    public int SampleSize => options.RejectedSampleSize;

    public TimeSpan Retention => options.RejectedSampleRetention;

    /// <summary>Counts one rejected delivery; every so often trims the stored sample to its bounds.</summary>
    public async Task CountAsync(string reason)
    {
        counts.AddOrUpdate(reason, 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref sinceLastPrune) < pruneEvery)
        {
            return;
        }

        Interlocked.Exchange(ref sinceLastPrune, 0);
        try
        {
            var olderThan = time.GetUtcNow().Subtract(options.RejectedSampleRetention).ToUnixTimeMilliseconds();
            await writes.PruneRejectedNotificationsAsync(options.RejectedSampleSize, olderThan, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not trim the sample of rejected callbacks");
        }
    }
}
