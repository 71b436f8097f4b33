using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Persistence;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// The callbacks of the sandbox and their delivery rules: a callback is made by the <see cref="CallbackFactory"/>,
/// its attempts run in the order's lane of the <see cref="DeliveryScheduler"/> and are sent by the
/// <see cref="CallbackSender"/>. A failed attempt (anything but 200/204 from the notify URL, or no answer in 5 s) is
/// retried on the configured schedule of the business clock (spec §7.5); every attempt is recorded. Faults of endpoint
/// <c>notify</c> apply here.
/// </summary>
internal sealed class NotificationDispatcher : IAsyncDisposable
{
    /// <summary>The named HttpClient callbacks are sent with (kept here for hosts that configure it).</summary>
    public const string HttpClientName = CallbackSender.HttpClientName;

    private readonly ConcurrentDictionary<string, NotificationRecord> notifications = new(StringComparer.Ordinal);

    // The callbacks an out_of_order fault holds back, so that a delivery looks for them here and not among all callbacks.
    private readonly ConcurrentDictionary<string, NotificationRecord> held = new(StringComparer.Ordinal);
    private readonly CallbackFactory factory;
    private readonly CallbackSender sender;
    private readonly DeliveryScheduler scheduler;
    private readonly SandboxClock clock;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;
    private readonly FaultInjector faults;
    private readonly int[] schedule;
    private readonly int[] refundSchedule;
    private readonly ILogger<NotificationDispatcher> logger;
    private readonly object startGate = new();

    public NotificationDispatcher(
        IHttpClientFactory httpClientFactory, SandboxClock clock, Security.WeChatSigner signer, MerchantRegistry registry, ISandboxStore store,
        FaultInjector faults, IOptions<SandboxOptions> options, ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.registry = registry;
        this.store = store;
        this.faults = faults;
        this.logger = logger;
        schedule = options.Value.NotificationRetrySeconds.Select(s => Math.Max(0, s)).ToArray();
        refundSchedule = options.Value.RefundNotificationRetrySeconds.Select(s => Math.Max(0, s)).ToArray();
        factory = new CallbackFactory(clock);
        sender = new CallbackSender(httpClientFactory, signer, registry, clock, options.Value.NotificationAnswerTimeout);
        scheduler = new DeliveryScheduler(options.Value.MaxConcurrentNotifications, DeliverAsync, logger);
    }

    public IEnumerable<NotificationRecord> All => notifications.Values.OrderBy(n => n.Sequence);

    /// <summary>True once nothing is queued or being delivered.</summary>
    public bool IsIdle => scheduler.IsIdle;

    public void Restore(IEnumerable<NotificationRecord> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var n in saved)
        {
            notifications[n.Id] = n;
            if (n.State == NotificationState.Held)
            {
                held[n.Id] = n;
            }

            factory.Restored(n.Sequence);
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

        Admit(factory.Create(order, merchant, eventType), eventType);
    }

    /// <summary>
    /// Creates a <c>REFUND.*</c> notification and schedules its first delivery; it is delivered like the Pay Score callbacks
    /// (faults of <c>notify</c>, only 200/204 is success) and retried on the refund schedule (refunds.md §5.3).
    /// </summary>
    public void PublishRefund(RegisteredMerchant merchant, string subMchId, string outOrderNo, string outRefundNo, string url,
        string eventType, string summary, byte[] plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        Admit(factory.CreateRefund(merchant, subMchId, outOrderNo, outRefundNo, url, eventType, summary, plaintext, associatedData), eventType);
    }

    private void Admit(NotificationRecord record, string eventType)
    {
        var fault = faults.Take(FaultEndpoints.Notify, kind => kind != FaultKinds.OutOfOrder || eventType == WxPayScore.Callbacks.PayScoreCallback.UserConfirmEvent);
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
                case FaultKinds.Fail:
                    record.FailNext = true;
                    break;
                case FaultKinds.SignTestProbe:
                    record.Probe = true;
                    break;
                case FaultKinds.Delay:
                    delay = fault.DelayMs ?? 0;
                    break;
            }

            notifications[record.Id] = record;
            if (record.State == NotificationState.Held)
            {
                held[record.Id] = record;
            }

            store.SaveNotification(record);
            if (record.State == NotificationState.Pending)
            {
                Schedule(record, "first", delay);
            }
        }

        logger.LogInformation("Callback {EventType} {Id} for {SubMchId}/{Order} created ({Fault})", eventType, record.Id, record.SubMchId,
            record.OutRefundNo ?? record.OutOrderNo, fault?.Kind ?? "no fault");
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

    public Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken) => scheduler.WaitForIdleAsync(timeout, cancellationToken);

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

    public ValueTask DisposeAsync() => scheduler.DisposeAsync();

    /// <summary>Queues an attempt in the lane of the record's order. Call under the record's lock.</summary>
    private void Schedule(NotificationRecord record, string kind, int delayMs)
    {
        record.Busy = true;
        record.NextAttemptAt = null;
        if (!scheduler.Enqueue(new OrderKey(record.SubMchId, record.OutOrderNo), new DeliveryWork(record.Id, kind, delayMs)))
        {
            record.Busy = false;
        }
    }

    private async Task DeliverAsync(DeliveryWork work, CancellationToken stopping)
    {
        if (!notifications.TryGetValue(work.Id, out var record))
        {
            return;
        }

        try
        {
            await AttemptAsync(record, work, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogError(ex, "Delivering callback {Id} failed unexpectedly", work.Id);
            lock (record.Gate)
            {
                record.Busy = false;
                if (record is { State: NotificationState.Pending, NextAttemptAt: null })
                {
                    record.NextAttemptAt = clock.UtcNow;
                }
            }
        }
    }

    private async Task AttemptAsync(NotificationRecord record, DeliveryWork work, CancellationToken stopping)
    {
        bool probe;
        lock (record.Gate)
        {
            probe = record.Probe;
            record.Probe = false;
        }

        if (probe)
        {
            var answer = await sender.SendAsync(record, probe: true, stopping).ConfigureAwait(false);
            Record(record, answer with
            {
                Kind = "probe",
                Success = answer.StatusCode is not (>= 200 and < 300),
                Error = answer.StatusCode is >= 200 and < 300
                    ? "the merchant accepted a WECHATPAY/SIGNTEST/ probe: its callback handler does not verify signatures"
                    : answer.Error,
            });
        }

        var result = await sender.SendAsync(record, probe: false, stopping).ConfigureAwait(false);
        bool duplicate;
        lock (record.Gate)
        {
            if (record.FailNext)
            {
                record.FailNext = false;
                result = result with
                {
                    Success = false,
                    Error = $"fail fault: counted as failed whatever the answer (the merchant answered {result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Error})",
                };
            }

            var kind = work.Kind is "retry" or "first" ? (record.Attempts.Any(a => a.Kind is "first" or "retry") ? "retry" : "first") : work.Kind;
            Record(record, result with { Kind = kind });
            if (result.Success)
            {
                record.State = NotificationState.Delivered;
                record.NextAttemptAt = null;
            }
            else if (record.State != NotificationState.Delivered)
            {
                record.Failures++;
                var delays = record.OutRefundNo is null ? schedule : refundSchedule;
                if (record.Failures <= delays.Length)
                {
                    record.State = NotificationState.Pending;
                    record.NextAttemptAt = clock.UtcNow + TimeSpan.FromSeconds(delays[record.Failures - 1]);
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
            var again = await sender.SendAsync(record, probe: false, stopping).ConfigureAwait(false);
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
        if (held.IsEmpty)
        {
            return;
        }

        var due = new List<NotificationRecord>();
        foreach (var (id, record) in held)
        {
            if (record.State != NotificationState.Held)
            {
                held.TryRemove(id, out _); // delivered some other way (a resend)
            }
            else if (record.Sequence < delivered.Sequence && record.SubMchId == delivered.SubMchId && record.OutOrderNo == delivered.OutOrderNo)
            {
                due.Add(record);
            }
        }

        foreach (var record in due.OrderBy(n => n.Sequence))
        {
            lock (record.Gate)
            {
                if (record.State != NotificationState.Held || !held.TryRemove(record.Id, out _))
                {
                    continue;
                }

                record.State = NotificationState.Pending;
                store.SaveNotification(record);
                Schedule(record, "first", 0);
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
}
