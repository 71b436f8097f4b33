using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// Runs callback attempts in per-order lanes: each order has a channel of queued attempts drained by one task, so the
/// attempts of one order go out one at a time in the order they were queued, while different orders are delivered in
/// parallel — at most a fixed number of requests in flight — and a slow receiver or a <c>delay</c> fault holds up only
/// its own order. A lane ends when its channel is empty and starts again with the next attempt.
/// </summary>
internal sealed class DeliveryScheduler : IAsyncDisposable
{
    private readonly Dictionary<OrderKey, Lane> lanes = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots;
    private readonly Func<DeliveryWork, CancellationToken, Task> deliver;
    private readonly ILogger logger;
    private bool disposed;
    private int pending;

    /// <param name="maxInFlight">Requests in flight at once, over all lanes.</param>
    /// <param name="deliver">Makes one attempt; it should handle its own failures.</param>
    /// <param name="logger">Where unexpected failures of an attempt are logged.</param>
    public DeliveryScheduler(int maxInFlight, Func<DeliveryWork, CancellationToken, Task> deliver, ILogger logger)
    {
        slots = new SemaphoreSlim(Math.Max(1, maxInFlight));
        this.deliver = deliver;
        this.logger = logger;
    }

    /// <summary>True once nothing is queued or being delivered.</summary>
    public bool IsIdle => Volatile.Read(ref pending) == 0;

    /// <summary>Queues an attempt in the lane of <paramref name="key"/>; false once the scheduler is stopping.</summary>
    public bool Enqueue(OrderKey key, DeliveryWork work)
    {
        lock (lanes)
        {
            if (disposed)
            {
                return false;
            }

            Interlocked.Increment(ref pending);
            if (!lanes.TryGetValue(key, out var lane))
            {
                lane = new Lane();
                lanes[key] = lane;
            }

            lane.Queue.Writer.TryWrite(work);
            lane.Runner ??= Task.Run(() => RunLaneAsync(key, lane));
            return true;
        }
    }

    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!IsIdle && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (lanes)
        {
            disposed = true;
            running = lanes.Values.Select(l => l.Runner).OfType<Task>().ToArray();
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
        slots.Dispose();
    }

    private async Task RunLaneAsync(OrderKey key, Lane lane)
    {
        while (true)
        {
            DeliveryWork work;
            lock (lanes)
            {
                if (!lane.Queue.Reader.TryRead(out work))
                {
                    lanes.Remove(key);
                    lane.Runner = null;
                    return;
                }
            }

            try
            {
                if (work.DelayMs > 0)
                {
                    // A delay fault holds this order's lane only.
                    await Task.Delay(work.DelayMs, stopping.Token).ConfigureAwait(false);
                }

                await slots.WaitAsync(stopping.Token).ConfigureAwait(false);
                try
                {
                    await deliver(work, stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Delivering callback {Id} failed unexpectedly", work.Id);
            }
            finally
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }

    /// <summary>The queued attempts of one order and the task draining them (null when idle). Guarded by the lanes dictionary.</summary>
    private sealed class Lane
    {
        public Channel<DeliveryWork> Queue { get; } = Channel.CreateUnbounded<DeliveryWork>(new UnboundedChannelOptions { SingleReader = true });

        public Task? Runner { get; set; }
    }
}
