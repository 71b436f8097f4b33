using System.Diagnostics;
using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Journal;

namespace WxPayScore.Server.Reconciliation;

/// <summary>
/// Asks WeChat about orders that are not terminal and applies what it says: CREATED orders older than a few minutes,
/// DOING and USER_PAYING orders (with back-off), and creates whose outcome was never stored (the process stopped
/// between "sent" and "stored" — the journal row has no outcome). Orders are claimed with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so with several instances each order is reconciled by one at a time.
/// </summary>
public sealed class Reconciler
{
    private static readonly WeChatCallOperation[] ReadOnlyOperations = [.. WeChatCallOperation.ReadOnly];

    /// <summary>Calls whose missing outcome the order's query does not repair: the read-only ones, and refund creates (the refund reconciler's).</summary>
    private static readonly WeChatCallOperation[] NotOrderRepairs = [.. WeChatCallOperation.ReadOnly, WeChatCallOperation.RefundCreate];

    /// <summary>Journal outcomes that need no repair.</summary>
    private static readonly WeChatCallOutcome[] FinalOutcomes = [WeChatCallOutcome.Ok, WeChatCallOutcome.ReconciledFound, WeChatCallOutcome.ReconciledNotFound, WeChatCallOutcome.ApiError];

    private readonly OrderWrites writes;
    private readonly OrderReads reads;
    private readonly ServiceOrderService wechat;
    private readonly OrderSnapshotApplier applier;
    private readonly WeChatCallJournal journal;
    private readonly ReconcilerOptions options;
    private readonly TimeSpan pendingCreateGrace;
    private readonly TimeProvider time;
    private readonly string instance;
    private readonly ILogger<Reconciler> logger;

    public Reconciler(OrderWrites writes, OrderReads reads, ServiceOrderService wechat, OrderSnapshotApplier applier, WeChatCallJournal journal,
        IOptions<ReconcilerOptions> options, IOptions<OrderScheduleOptions> schedule, TimeProvider time, InstanceIdentity instance, ILogger<Reconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        this.writes = writes;
        this.reads = reads;
        this.wechat = wechat;
        this.applier = applier;
        this.journal = journal;
        ArgumentNullException.ThrowIfNull(schedule);
        this.options = options.Value;
        pendingCreateGrace = schedule.Value.PendingCreateGrace;
        this.time = time;
        this.instance = instance.Name;
        this.logger = logger;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// After a start: orders with a journaled state-changing call that never got an outcome (older than the grace
    /// period) become due now, whatever their schedule said.
    /// </summary>
    public async Task<int> MarkInterruptedCallsDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var cutoff = now - (long)pendingCreateGrace.TotalMilliseconds;
        var count = await writes.MakeInterruptedCallsDueAsync(cutoff, now, NotOrderRepairs, cancellationToken);
        if (count > 0)
        {
            logger.LogWarning("{Count} order(s) have WeChat calls without a stored outcome; reconciling them now", count);
        }

        return count;
    }

    /// <summary>
    /// The journal's housekeeping: read-only calls without an outcome past the grace period were interrupted by a stop
    /// (nothing to repair: they changed nothing) and are marked so; read-only rows older than
    /// <see cref="ReconcilerOptions.ReadOnlyCallRetention"/> are deleted. Returns (marked, deleted).
    /// </summary>
    public async Task<(int Interrupted, int Deleted)> TidyJournalAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var cutoff = now - (long)pendingCreateGrace.TotalMilliseconds;
        var retention = options.ReadOnlyCallRetention;
        return await writes.TidyJournalAsync(ReadOnlyOperations, cutoff, now, WeChatCallOutcome.Interrupted,
            "no outcome stored: the process stopped while the call was in flight (a read-only call: nothing to repair)",
            retention > TimeSpan.Zero ? now - (long)retention.TotalMilliseconds : null, cancellationToken);
    }

    /// <summary>One round: claim due orders, query each, apply, reschedule. Returns how many orders were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var claimed = await writes.ClaimDueOrdersAsync(instance, now, now + (long)options.LeaseDuration.TotalMilliseconds, options.BatchSize, cancellationToken);
        foreach (var id in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ReconcileAsync(id, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task ReconcileAsync(long orderId, CancellationToken cancellationToken)
    {
        var order = await reads.FindOrderAsync(orderId, cancellationToken);

        if (order is null)
        {
            return;
        }

        using var subMerchant = SubMerchantTag.Enter(order.SubMerchantKey);
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("ReconcileOrder");
        activity?.SetTag("wxpayscore.out_order_no", order.OutOrderNo);
        ServiceOrder? snapshot = null;
        var notFound = false;
        try
        {
            var query = ServiceOrderService.PrepareQuery(order.OutOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId });
            snapshot = await journal.RecordAsync(order.Id, query, () => wechat.SendAsync(query, cancellationToken), cancellationToken);
        }
        catch (WeChatPayApiException ex) when (ex.Kind == WeChatPayErrorKind.NotFound)
        {
            notFound = true;
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("Reconciling {OutOrderNo}: WeChat did not answer usefully ({Error}); later", order.OutOrderNo, ex.Message);
        }

        var outcome = await writes.SettleReconcileAsync(order.SubMchId, order.OutOrderNo, NotOrderRepairs, FinalOutcomes,
            (stored, open) => Settle(stored, open, snapshot, notFound), CancellationToken.None) ?? "gone";

        ServerDiagnostics.OrdersReconciled.Add(1, new TagList { { "outcome", outcome }, { SubMerchantTag.Name, SubMerchantTag.ValueOf(order.SubMerchantKey) } });
        if (outcome is "changed" or "create_failed")
        {
            logger.LogInformation("Reconciled {OutOrderNo}: {Outcome}", order.OutOrderNo, outcome);
        }
    }

    private (IReadOnlyList<OrderEventRecord> Entries, string Verdict) Settle(OrderRecord stored, IReadOnlyList<WeChatCallRecord> open, ServiceOrder? snapshot, bool notFound)
    {
        var now = Now;
        var entries = new List<OrderEventRecord>();
        var interrupted = open.Where(c => c.Outcome == null && c.SentAt < now - (long)pendingCreateGrace.TotalMilliseconds).ToList();
        string result;
        if (snapshot is not null)
        {
            var change = applier.Apply(stored, snapshot, null, OrderSource.Reconciler, null, now);
            if (change is not null)
            {
                entries.Add(change);
                result = "changed";
            }
            else
            {
                stored.ReconcileAttempts++;
                applier.Schedule(stored, now);
                result = "unchanged";
            }

            foreach (var call in open.Where(c => c.Outcome is not null || interrupted.Contains(c)))
            {
                call.Outcome = WeChatCallOutcome.ReconciledFound;
                call.CompletedAt ??= now;
                call.ErrorMessage = $"outcome repaired by the reconciler: the order is {OrderPhase.From(snapshot.Status.Phase).ToStoredName()} at WeChat";
                entries.Add(new OrderEventRecord
                {
                    OrderId = stored.Id, At = now, Kind = OrderEventKind.Repaired, Source = OrderSource.Reconciler,
                    Detail = $"{call.Operation.ToStoredName()} sent at {DateTimeOffset.FromUnixTimeMilliseconds(call.SentAt):O} had no stored outcome; WeChat reports {snapshot.Status}",
                });
            }
        }
        else if (notFound && stored.Phase is OrderPhase.Creating &&
                 now - stored.CreatedAt >= (long)pendingCreateGrace.TotalMilliseconds)
        {
            // WeChat never committed the create: the order ends here (the user was told the create failed).
            stored.Phase = OrderPhase.CreateFailed;
            stored.UpdatedAt = now;
            stored.NextReconcileAt = null;
            foreach (var call in open.Where(c => c.Operation == WeChatCallOperation.Create))
            {
                call.Outcome = WeChatCallOutcome.ReconciledNotFound;
                call.CompletedAt ??= now;
            }

            entries.Add(new OrderEventRecord
            {
                OrderId = stored.Id, At = now, Kind = OrderEventKind.CreateFailed, Source = OrderSource.Reconciler,
                FromPhase = OrderPhase.Creating, ToPhase = OrderPhase.CreateFailed, Detail = "WeChat Pay has no such order: the create never took effect",
            });
            result = "create_failed";
        }
        else
        {
            stored.ReconcileAttempts++;
            applier.Schedule(stored, now);
            result = notFound ? "not_found" : "error";
        }

        return (entries, result);
    }
}
