using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Callbacks;
using WxPayScore.Http;
using WxPayScore.Json;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.Sandbox.Security;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// Builds callbacks as WeChat does (envelope, AES-256-GCM resource under the merchant's APIv3 key, signed headers) and
/// delivers them in the background with a 5-second answer timeout. Each order has its own delivery lane: the attempts
/// of one order are made one at a time in the order they were scheduled, while different orders are delivered in
/// parallel (at most <see cref="SandboxOptions.MaxConcurrentNotifications"/> requests in flight), so a slow receiver or a
/// <c>delay</c> fault holds up only its own order. A failed attempt (anything but 200/204, or no answer) is retried on the
/// configured schedule of the business clock; every attempt is logged. Faults of endpoint <c>notify</c> apply here.
/// </summary>
internal sealed class NotificationDispatcher : IAsyncDisposable
{
    public const string HttpClientName = "WxPayScore.Sandbox.Notifications";

    private readonly ConcurrentDictionary<string, NotificationRecord> notifications = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderKey, Lane> lanes = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly IHttpClientFactory httpClientFactory;
    private readonly SandboxClock clock;
    private readonly SandboxKeys keys;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;
    private readonly FaultInjector faults;
    private readonly int[] schedule;
    private readonly TimeSpan answerTimeout;
    private readonly ILogger<NotificationDispatcher> logger;
    private readonly SemaphoreSlim slots;
    private readonly object startGate = new();
    private bool disposed;
    private long sequence;
    private int pending;

    public NotificationDispatcher(
        IHttpClientFactory httpClientFactory, SandboxClock clock, SandboxKeys keys, MerchantRegistry registry, ISandboxStore store,
        FaultInjector faults, IOptions<SandboxOptions> options, ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.clock = clock;
        this.keys = keys;
        this.registry = registry;
        this.store = store;
        this.faults = faults;
        this.logger = logger;
        schedule = options.Value.NotificationRetrySeconds.Select(s => Math.Max(0, s)).ToArray();
        answerTimeout = options.Value.NotificationAnswerTimeout;
        slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentNotifications));
    }

    public IEnumerable<NotificationRecord> All => notifications.Values.OrderBy(n => n.Sequence);

    public void Restore(IEnumerable<NotificationRecord> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var n in saved)
        {
            notifications[n.Id] = n;
            sequence = Math.Max(sequence, n.Sequence);
        }
    }

    /// <summary>Creates the callback for the order's current snapshot and schedules its first delivery.</summary>
    public void Publish(OrderRecord order, string eventType)
    {
        ArgumentNullException.ThrowIfNull(order);
        var merchant = registry.FindMerchant(order.MchId);
        if (merchant is null)
        {
            logger.LogWarning("No merchant {MchId} is configured any more: callback {EventType} for {Order} not created", order.MchId, eventType, order.Key);
            return;
        }

        var plaintext = JsonSerializer.SerializeToUtf8Bytes(order.Order with { Package = null }, WxPayScoreJsonContext.Wire.ServiceOrder);
        var now = clock.BeijingNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var envelope = new CallbackEnvelope
        {
            Id = Guid.NewGuid().ToString(),
            CreateTime = now,
            ResourceType = "encrypt-resource",
            EventType = eventType,
            Summary = eventType == PayScoreCallback.UserConfirmEvent ? "确认订单" : "支付成功",
            Resource = merchant.Cipher.EncryptResource(plaintext, string.Empty, "payscore"),
        };
        var record = new NotificationRecord
        {
            Id = envelope.Id,
            Sequence = Interlocked.Increment(ref sequence),
            EventType = eventType,
            MchId = order.MchId,
            SubMchId = order.SubMchId,
            OutOrderNo = order.OutOrderNo,
            Url = order.Order.NotifyUrl ?? string.Empty,
            Body = JsonSerializer.Serialize(envelope, WxPayScoreJsonContext.Wire.CallbackEnvelope),
            CreatedAt = clock.UtcNow,
            State = NotificationState.Pending,
        };

        var fault = faults.Take(FaultEndpoints.Notify, kind => kind != FaultKinds.OutOfOrder || eventType == PayScoreCallback.UserConfirmEvent);
        var delay = 0;
        lock (record.Gate)
        {
            switch (fault?.Kind)
            {
                case FaultKinds.NeverDeliver:
                    record.State = NotificationState.Dropped;
                    record.Attempts.Add(new DeliveryAttempt
                    {
                        Number = 1, Kind = "dropped", Time = clock.UtcNow, WallTime = clock.Wall.GetUtcNow(),
                        Error = "never_deliver fault: this callback is never sent",
                    });
                    break;
                case FaultKinds.OutOfOrder:
                    record.State = NotificationState.Held;
                    break;
                case FaultKinds.Duplicate:
                    record.Duplicate = true;
                    break;
                case FaultKinds.SignTestProbe:
                    record.Probe = true;
                    break;
                case FaultKinds.Delay:
                    delay = fault.DelayMs ?? 0;
                    break;
            }

            notifications[record.Id] = record;
            store.SaveNotification(record);
            if (record.State == NotificationState.Pending)
            {
                Schedule(record, "first", delay);
            }
        }

        logger.LogInformation("Callback {EventType} {Id} for {Order} created ({Fault})", eventType, record.Id, order.Key, fault?.Kind ?? "no fault");
    }

    /// <summary>Delivers a callback once more now, whatever its state (control API).</summary>
    public NotificationRecord Resend(string id)
    {
        if (!notifications.TryGetValue(id, out var record))
        {
            throw new SandboxControlException(404, "NOT_FOUND", $"No notification '{id}'.");
        }

        lock (record.Gate)
        {
            if (!record.Busy)
            {
                Schedule(record, "resend", 0);
            }
        }

        return record;
    }

    /// <summary>Schedules every pending callback whose next attempt is due.</summary>
    public void RunDue(DateTimeOffset now)
    {
        foreach (var record in notifications.Values.OrderBy(n => n.Sequence))
        {
            lock (record.Gate)
            {
                if (record is { State: NotificationState.Pending, Busy: false, NextAttemptAt: { } due } && due <= now)
                {
                    Schedule(record, "retry", 0);
                }
            }
        }
    }

    /// <summary>The earliest business time at which a callback becomes due.</summary>
    public DateTimeOffset? NextDue() =>
        notifications.Values.Where(n => n is { State: NotificationState.Pending, Busy: false, NextAttemptAt: not null })
            .Select(n => n.NextAttemptAt).Min();

    /// <summary>True once nothing is queued or being delivered.</summary>
    public bool IsIdle => Volatile.Read(ref pending) == 0;

    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!IsIdle && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes attempts that were running when the process stopped due again (deliveries start on demand).</summary>
    public void Start()
    {
        lock (startGate)
        {
            foreach (var record in notifications.Values.OrderBy(n => n.Sequence))
            {
                lock (record.Gate)
                {
                    if (record is { State: NotificationState.Pending, Busy: false, NextAttemptAt: null })
                    {
                        record.NextAttemptAt = clock.UtcNow;
                    }
                }
            }
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

    /// <summary>Queues an attempt in the lane of the record's order. Call under the record's lock.</summary>
    private void Schedule(NotificationRecord record, string kind, int delayMs)
    {
        record.Busy = true;
        record.NextAttemptAt = null;
        Interlocked.Increment(ref pending);
        var key = new OrderKey(record.SubMchId, record.OutOrderNo);
        lock (lanes)
        {
            if (disposed)
            {
                Interlocked.Decrement(ref pending);
                record.Busy = false;
                return;
            }

            if (!lanes.TryGetValue(key, out var lane))
            {
                lane = new Lane();
                lanes[key] = lane;
            }

            lane.Queue.Enqueue(new Work(record.Id, kind, delayMs));
            lane.Runner ??= Task.Run(() => RunLaneAsync(key, lane));
        }
    }

    /// <summary>Delivers the queued attempts of one order one after the other; the lane ends when its queue is empty.</summary>
    private async Task RunLaneAsync(OrderKey key, Lane lane)
    {
        while (true)
        {
            Work work;
            lock (lanes)
            {
                if (!lane.Queue.TryDequeue(out work))
                {
                    lanes.Remove(key);
                    lane.Runner = null;
                    return;
                }
            }

            try
            {
                await DeliverAsync(work).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Delivering callback {Id} failed unexpectedly", work.Id);
                if (notifications.TryGetValue(work.Id, out var failed))
                {
                    lock (failed.Gate)
                    {
                        failed.Busy = false;
                        if (failed is { State: NotificationState.Pending, NextAttemptAt: null })
                        {
                            failed.NextAttemptAt = clock.UtcNow;
                        }
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }

    private async Task DeliverAsync(Work work)
    {
        if (!notifications.TryGetValue(work.Id, out var record))
        {
            return;
        }

        if (work.DelayMs > 0)
        {
            // A delay fault holds this order's lane only.
            await Task.Delay(work.DelayMs, stopping.Token).ConfigureAwait(false);
        }

        await slots.WaitAsync(stopping.Token).ConfigureAwait(false);
        try
        {
            await AttemptAsync(record, work).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task AttemptAsync(NotificationRecord record, Work work)
    {

        bool probe;
        lock (record.Gate)
        {
            probe = record.Probe;
            record.Probe = false;
        }

        if (probe)
        {
            var answer = await SendAsync(record, probe: true).ConfigureAwait(false);
            Record(record, answer with
            {
                Kind = "probe",
                Success = answer.StatusCode is not (>= 200 and < 300),
                Error = answer.StatusCode is >= 200 and < 300
                    ? "the merchant accepted a WECHATPAY/SIGNTEST/ probe: its callback handler does not verify signatures"
                    : answer.Error,
            });
        }

        var result = await SendAsync(record, probe: false).ConfigureAwait(false);
        bool duplicate;
        lock (record.Gate)
        {
            Record(record, result with { Kind = work.Kind == "retry" || work.Kind == "first" ? (record.Attempts.Any(a => a.Kind is "first" or "retry") ? "retry" : "first") : work.Kind });
            if (result.Success)
            {
                record.State = NotificationState.Delivered;
                record.NextAttemptAt = null;
            }
            else if (record.State != NotificationState.Delivered)
            {
                record.Failures++;
                if (record.Failures <= schedule.Length)
                {
                    record.State = NotificationState.Pending;
                    record.NextAttemptAt = clock.UtcNow + TimeSpan.FromSeconds(schedule[record.Failures - 1]);
                }
                else
                {
                    record.State = NotificationState.GaveUp;
                    record.NextAttemptAt = null;
                }
            }

            duplicate = result.Success && record.Duplicate;
            record.Duplicate = false;
            store.SaveNotification(record);
        }

        if (duplicate)
        {
            var again = await SendAsync(record, probe: false).ConfigureAwait(false);
            lock (record.Gate)
            {
                Record(record, again with { Kind = "duplicate" });
                store.SaveNotification(record);
            }
        }

        lock (record.Gate)
        {
            record.Busy = false;
        }

        if (result.Success)
        {
            ReleaseHeld(record);
        }
    }

    /// <summary>out_of_order: earlier callbacks of the same order held back go out right after a later one was delivered.</summary>
    private void ReleaseHeld(NotificationRecord delivered)
    {
        foreach (var held in notifications.Values.Where(n => n.State == NotificationState.Held && n.Sequence < delivered.Sequence &&
                     n.SubMchId == delivered.SubMchId && n.OutOrderNo == delivered.OutOrderNo).OrderBy(n => n.Sequence))
        {
            lock (held.Gate)
            {
                held.State = NotificationState.Pending;
                store.SaveNotification(held);
                Schedule(held, "first", 0);
            }
        }
    }

    private static void Record(NotificationRecord record, DeliveryAttempt attempt)
    {
        lock (record.Gate)
        {
            record.Attempts.Add(attempt with { Number = record.Attempts.Count + 1 });
        }
    }

    private async Task<DeliveryAttempt> SendAsync(NotificationRecord record, bool probe)
    {
        var started = Stopwatch.GetTimestamp();
        var time = clock.UtcNow;
        var wall = clock.Wall.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(record.Body);
        var timestamp = clock.WallUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = probe
            ? RsaSignature.SignTestPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(192))
            : RsaSignature.Sign(keys.PrivateKey, SigningString.ForResponse(timestamp, nonce, body));
        var serial = keys.SerialFor(registry.FindMerchant(record.MchId), null);

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, record.Url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/4.0");
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, timestamp);
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, nonce);
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, signature);
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, serial);
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.SignatureType, RsaSignature.Scheme);
            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.RequestId, Identifiers.RequestId());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(answerTimeout);
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? error = null;
            if (status is not (200 or 204))
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                error = text.Length > 300 ? text[..300] : text;
            }

            return new DeliveryAttempt
            {
                Kind = "first", Time = time, WallTime = wall, StatusCode = status, Error = string.IsNullOrEmpty(error) ? null : error,
                Success = status is 200 or 204, DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            var error = ex is OperationCanceledException && !stopping.IsCancellationRequested
                ? $"timeout: no answer within {answerTimeout.TotalSeconds:0.#} s"
                : ex.Message;
            return new DeliveryAttempt
            {
                Kind = "first", Time = time, WallTime = wall, Error = error, DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
    }

    private readonly record struct Work(string Id, string Kind, int DelayMs);

    /// <summary>The queued attempts of one order and the task delivering them (null when idle). Guarded by the lanes dictionary.</summary>
    private sealed class Lane
    {
        public Queue<Work> Queue { get; } = new();

        public Task? Runner { get; set; }
    }
}
