using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Reconciliation;

/// <summary>
/// Asks WeChat about orders that are not terminal and applies what it says: CREATED orders older than a few minutes,
/// DOING and USER_PAYING orders (with back-off), and creates whose outcome was never stored (the process stopped
/// between "sent" and "stored" — the journal row has no outcome). Orders are claimed with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so with several instances each order is reconciled by one at a time.
/// </summary>
public sealed class Reconciler
{
    private static readonly string[] ReadOnlyOperations = [.. WeChatCallOperations.ReadOnly];
    private readonly OrderStore store;
    private readonly ServiceOrderService wechat;
    private readonly OrderSnapshotApplier applier;
    private readonly WeChatCallJournal journal;
    private readonly ReconcilerOptions options;
    private readonly TimeProvider time;
    private readonly string instance;
    private readonly ILogger<Reconciler> logger;

    public Reconciler(OrderStore store, ServiceOrderService wechat, OrderSnapshotApplier applier, WeChatCallJournal journal,
        IOptions<ReconcilerOptions> options, TimeProvider time, InstanceIdentity instance, ILogger<Reconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        this.store = store;
        this.wechat = wechat;
        this.applier = applier;
        this.journal = journal;
        this.options = options.Value;
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
        var cutoff = now - (long)options.PendingCreateGrace.TotalMilliseconds;
        return await store.WriteAsync(async (db, ct) =>
        {
            var orderIds = await db.WeChatCalls
                .Where(c => c.Outcome == null && c.SentAt < cutoff && c.OrderId != null && !ReadOnlyOperations.Contains(c.Operation))
                .Select(c => c.OrderId!.Value)
                .Distinct()
                .ToListAsync(ct);
            if (orderIds.Count == 0)
            {
                return 0;
            }

            var orders = await db.Orders.Where(o => orderIds.Contains(o.Id)).ToListAsync(ct);
            foreach (var order in orders)
            {
                order.NextReconcileAt = now;
                order.LeaseUntil = null;
                order.LeaseOwner = null;
            }

            logger.LogWarning("{Count} order(s) have WeChat calls without a stored outcome; reconciling them now", orders.Count);
            return orders.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// The journal's housekeeping: read-only calls without an outcome past the grace period were interrupted by a stop
    /// (nothing to repair: they changed nothing) and are marked so; read-only rows older than
    /// <see cref="ReconcilerOptions.ReadOnlyCallRetention"/> are deleted. Returns (marked, deleted).
    /// </summary>
    public async Task<(int Interrupted, int Deleted)> TidyJournalAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var cutoff = now - (long)options.PendingCreateGrace.TotalMilliseconds;
        var retention = options.ReadOnlyCallRetention;
        return await store.WriteAsync(async (db, ct) =>
        {
            var readOnly = db.WeChatCalls.Where(c => ReadOnlyOperations.Contains(c.Operation));
            var interrupted = await readOnly.Where(c => c.Outcome == null && c.SentAt < cutoff)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.Outcome, WeChatCallJournal.Interrupted)
                    .SetProperty(c => c.CompletedAt, now)
                    .SetProperty(c => c.ErrorMessage, "no outcome stored: the process stopped while the call was in flight (a read-only call: nothing to repair)"), ct);
            var deleted = 0;
            if (retention > TimeSpan.Zero)
            {
                var before = now - (long)retention.TotalMilliseconds;
                deleted = await readOnly.Where(c => c.Outcome != null && c.SentAt < before).ExecuteDeleteAsync(ct);
            }

            return (interrupted, deleted);
        }, cancellationToken);
    }

    /// <summary>One round: claim due orders, query each, apply, reschedule. Returns how many orders were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var claimed = await store.ClaimDueOrdersAsync(instance, now, now + (long)options.LeaseDuration.TotalMilliseconds, options.BatchSize, cancellationToken);
        foreach (var id in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ReconcileAsync(id, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task ReconcileAsync(long orderId, CancellationToken cancellationToken)
    {
        OrderRecord? order;
        await using (var db = await store.ReadAsync(cancellationToken))
        {
            order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        }

        if (order is null)
        {
            return;
        }

        using var activity = ServerDiagnostics.ActivitySource.StartActivity("ReconcileOrder");
        activity?.SetTag("wxpayscore.out_order_no", order.OutOrderNo);
        ServiceOrder? snapshot = null;
        var notFound = false;
        try
        {
            snapshot = await journal.RecordAsync(order.Id, WeChatCallOperations.Query, WeChatCallOperations.TargetOf(WeChatCallOperations.Query, order.OutOrderNo),
                () => wechat.GetAsync(order.OutOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId }, cancellationToken),
                cancellationToken);
        }
        catch (WeChatPayApiException ex) when (ex.Kind == WeChatPayErrorKind.NotFound)
        {
            notFound = true;
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("Reconciling {OutOrderNo}: WeChat did not answer usefully ({Error}); later", order.OutOrderNo, ex.Message);
        }

        var outcome = await store.WriteOrderAsync(order.SubMchId, order.OutOrderNo, async (db, stored, ct) =>
        {
            if (stored is null)
            {
                return "gone";
            }

            var now = Now;
            // The order's state-changing calls whose outcome is not known (queries change nothing: see TidyJournalAsync).
            var open = await db.WeChatCalls.Where(c => c.OrderId == stored.Id && (c.Outcome == null || c.Outcome != WeChatCallJournal.Ok) &&
                    c.Outcome != WeChatCallJournal.ReconciledFound && c.Outcome != WeChatCallJournal.ReconciledNotFound &&
                    c.Outcome != WeChatCallJournal.ApiError && !ReadOnlyOperations.Contains(c.Operation))
                .ToListAsync(ct);
            var interrupted = open.Where(c => c.Outcome == null && c.SentAt < now - (long)options.PendingCreateGrace.TotalMilliseconds).ToList();
            string result;
            if (snapshot is not null)
            {
                var change = applier.Apply(stored, snapshot, null, OrderSources.Reconciler, null, now);
                if (change is not null)
                {
                    db.OrderEvents.Add(change);
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
                    call.Outcome = WeChatCallJournal.ReconciledFound;
                    call.CompletedAt ??= now;
                    call.ErrorMessage = $"outcome repaired by the reconciler: the order is {OrderPhases.From(snapshot.Status.Phase)} at WeChat";
                    db.OrderEvents.Add(new OrderEventRecord
                    {
                        OrderId = stored.Id, At = now, Kind = OrderEventKinds.Repaired, Source = OrderSources.Reconciler,
                        Detail = $"{call.Operation} sent at {DateTimeOffset.FromUnixTimeMilliseconds(call.SentAt):O} had no stored outcome; WeChat reports {snapshot.Status}",
                    });
                }
            }
            else if (notFound && stored.Phase is OrderPhases.Creating &&
                     now - stored.CreatedAt >= (long)options.PendingCreateGrace.TotalMilliseconds)
            {
                // WeChat never committed the create: the order ends here (the user was told the create failed).
                stored.Phase = OrderPhases.CreateFailed;
                stored.UpdatedAt = now;
                stored.NextReconcileAt = null;
                foreach (var call in open.Where(c => c.Operation == WeChatCallOperations.Create))
                {
                    call.Outcome = WeChatCallJournal.ReconciledNotFound;
                    call.CompletedAt ??= now;
                }

                db.OrderEvents.Add(new OrderEventRecord
                {
                    OrderId = stored.Id, At = now, Kind = OrderEventKinds.CreateFailed, Source = OrderSources.Reconciler,
                    FromPhase = OrderPhases.Creating, ToPhase = OrderPhases.CreateFailed, Detail = "WeChat Pay has no such order: the create never took effect",
                });
                result = "create_failed";
            }
            else
            {
                stored.ReconcileAttempts++;
                applier.Schedule(stored, now);
                result = notFound ? "not_found" : "error";
            }

            stored.LeaseOwner = null;
            stored.LeaseUntil = null;
            return result;
        }, CancellationToken.None);

        ServerDiagnostics.OrdersReconciled.Add(1, new TagList { { "outcome", outcome } });
        if (outcome is "changed" or "create_failed")
        {
            logger.LogInformation("Reconciled {OutOrderNo}: {Outcome}", order.OutOrderNo, outcome);
        }
    }
}
