using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Every write of the server, as named business transactions on EF Core: each method is one transaction that commits
/// before it returns (callers answer only after that). Orders carry a <see cref="OrderRecord.Version"/> concurrency
/// token: an update of an order whose row changed since it was read updates 0 rows, and the method says what happens
/// then (<see cref="SettleCreateAsync"/> applies the answer afresh to the stored order).
/// <para>Locking: a per-order lock (in-process stripes; <c>SELECT … FOR UPDATE</c> on PostgreSQL) around every
/// load-apply-save of an order; on SQLite one writer at a time inside the process (<see cref="WriteGate"/>), on one
/// long-lived connection.</para>
/// </summary>
public sealed partial class OrderWrites : IAsyncDisposable
{
    public OrderWrites(IDbContextFactory<PayScoreDbContext> factory, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        this.factory = factory;
        IsPostgres = storage.Value.IsPostgres;
        if (!IsPostgres)
        {
            gate = new WriteGate();
            journalBatch = new JournalBatch(this);
        }
    }

    public bool IsPostgres { get; }

    /// <summary>
    /// A new order before its create is sent: the order, its first history entry and the journal row of the create
    /// request, in one transaction. Sets their ids (and the foreign keys to the order).
    /// </summary>
    public Task InsertCreatingAsync(OrderRecord order, OrderEventRecord created, WeChatCallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(call);
        return SqlTransactionAsync(async (connection, transaction) =>
        {
            await OrderSql.InsertOrderAsync(connection, transaction, order);
            created.OrderId = order.Id;
            call.OrderId = order.Id;
            await OrderSql.InsertEventAsync(connection, transaction, created);
            await OrderSql.InsertCallAsync(connection, transaction, call);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// WeChat's answer to a create: <paramref name="apply"/> changes the order (returns its history entry, if any), the
    /// journal row gets its outcome (set on <paramref name="call"/>). The answer is applied to <paramref name="inserted"/>
    /// (the order as <see cref="InsertCreatingAsync"/> stored it) and saved if the row's version is still that one — the
    /// usual case; otherwise (another writer changed it in between, 0 rows updated) it is applied again to the stored
    /// order, under its lock, in the same transaction.
    /// </summary>
    public Task SettleCreateAsync(OrderRecord inserted, Func<OrderRecord, OrderEventRecord?> apply, WeChatCallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inserted);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(call);
        return SqlTransactionAsync(async (connection, transaction) =>
        {
            var change = apply(inserted);
            var settled = await OrderSql.TryUpdateOrderAsync(connection, transaction, inserted);
            if (!settled)
            {
                // The documented fallback: the stored order, locked, gets the answer (monotonically: it may be further already).
                change = null;
                if (await OrderSql.LoadOrderAsync(connection, transaction, inserted.SubMchId, inserted.OutOrderNo, IsPostgres) is { } stored)
                {
                    change = apply(stored);
                    await SaveLockedOrderAsync(connection, transaction, stored);
                }
            }

            if (change is not null)
            {
                await OrderSql.InsertEventAsync(connection, transaction, change);
            }

            await OrderSql.UpdateCallOutcomeAsync(connection, transaction, call);
            return settled;
        }, cancellationToken);
    }

    /// <summary>
    /// A create WeChat did not accept (or whose outcome is unknown): the journal row's outcome, and — under the order's
    /// lock — what <paramref name="fail"/> does to the order (its history entry).
    /// </summary>
    public Task FailCreateAsync(string subMchId, string outOrderNo, WeChatCallRecord call, Func<OrderRecord, OrderEventRecord> fail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(fail);
        return ForOrderSqlAsync(subMchId, outOrderNo, async (connection, transaction, order) =>
        {
            await OrderSql.UpdateCallOutcomeAsync(connection, transaction, call);
            if (order is not null)
            {
                var entry = fail(order);
                await SaveLockedOrderAsync(connection, transaction, order);
                await OrderSql.InsertEventAsync(connection, transaction, entry);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>A snapshot (query answer, admin refresh) applied to the stored order under its lock; true when it changed the order.</summary>
    public Task<bool> ApplySnapshotAsync(string subMchId, string outOrderNo, Func<OrderRecord, OrderEventRecord?> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return ForOrderSqlAsync(subMchId, outOrderNo, async (connection, transaction, order) =>
        {
            if (order is null || apply(order) is not { } change)
            {
                return false;
            }

            await SaveLockedOrderAsync(connection, transaction, order);
            await OrderSql.InsertEventAsync(connection, transaction, change);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A verified callback: under the order's lock, the idempotency marker (the notification id is its key: a second
    /// delivery finds it, or fails on it if both run at once), then <paramref name="apply"/> on the order (null when it
    /// is unknown), which returns the delivery's log entry and the order's history entry. Null when it was processed before.
    /// </summary>
    public Task<NotificationRecord?> ApplyCallbackAsync(string notificationId, string subMchId, string outOrderNo, long now,
        Func<OrderRecord?, (NotificationRecord Log, OrderEventRecord? Change)> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return ForOrderSqlAsync(subMchId, outOrderNo, async (connection, transaction, order) =>
        {
            if (await OrderSql.IsProcessedAsync(connection, transaction, notificationId))
            {
                return null;
            }

            // The marker first: a concurrent delivery of the same id blocks on it and then fails as a duplicate.
            await OrderSql.InsertProcessedAsync(connection, transaction, new ProcessedNotificationRecord { NotificationId = notificationId, ProcessedAt = now, OrderId = order?.Id });
            var (log, change) = apply(order);
            if (change is not null)
            {
                await SaveLockedOrderAsync(connection, transaction, order!);
                await OrderSql.InsertEventAsync(connection, transaction, change);
            }

            await OrderSql.InsertNotificationAsync(connection, transaction, log);
            return (NotificationRecord?)log;
        }, cancellationToken);
    }

    /// <summary>A callback delivery that changed nothing (rejected, ignored, duplicate): its log entry.</summary>
    public Task LogNotificationAsync(NotificationRecord record, CancellationToken cancellationToken) =>
        SqlTransactionAsync(async (connection, transaction) =>
        {
            await OrderSql.InsertNotificationAsync(connection, transaction, record);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Keeps the rejected deliveries a bounded sample: deletes those older than <paramref name="olderThan"/> and all but
    /// the newest <paramref name="keep"/>. Returns how many rows went.
    /// </summary>
    public Task<int> PruneRejectedNotificationsAsync(int keep, long olderThan, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, ct) =>
        {
            var deleted = await db.Notifications.Where(n => n.Outcome == NotificationOutcome.Rejected && n.ReceivedAt < olderThan).ExecuteDeleteAsync(ct);
            var newestDropped = await db.Notifications.Where(n => n.Outcome == NotificationOutcome.Rejected).OrderByDescending(n => n.Id).Skip(keep)
                .Select(n => (long?)n.Id).FirstOrDefaultAsync(ct);
            if (newestDropped is { } id)
            {
                deleted += await db.Notifications.Where(n => n.Outcome == NotificationOutcome.Rejected && n.Id <= id).ExecuteDeleteAsync(ct);
            }

            return deleted;
        }, cancellationToken);

    /// <summary>A journal row, committed before its call is sent (SQLite: in a group commit with the other rows waiting). Sets its id.</summary>
    public async Task StartCallAsync(WeChatCallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (journalBatch is not null)
        {
            await journalBatch.WriteAsync(call, isNew: true).WaitAsync(cancellationToken);
            return;
        }

        await SqlTransactionAsync(async (connection, transaction) =>
        {
            await OrderSql.InsertCallAsync(connection, transaction, call);
            return true;
        }, cancellationToken);
    }

    /// <summary>The outcome of a journal row (and its order, once known), as set on <paramref name="call"/>.</summary>
    public async Task FinishCallAsync(WeChatCallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (journalBatch is not null)
        {
            await journalBatch.WriteAsync(call, isNew: false);
            return;
        }

        await SqlTransactionAsync(async (connection, transaction) =>
        {
            await OrderSql.UpdateCallOutcomeAsync(connection, transaction, call);
            return true;
        }, CancellationToken.None);
    }

    /// <summary>
    /// The end of an admin action at WeChat: the journal row's outcome, the order's history entry and — when the action
    /// failed — the order made due for the reconciler now (unless it is terminal).
    /// </summary>
    public Task FinishActionAsync(WeChatCallRecord call, OrderEventRecord entry, long? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(entry);
        return InTransactionAsync(async (db, ct) =>
        {
            MarkOutcome(db, call);
            db.OrderEvents.Add(entry);
            if (dueAt is { } due)
            {
                await DueQuery(db, entry.OrderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.NextReconcileAt, due).SetProperty(o => o.Version, o => o.Version + 1), ct);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>The device an order was returned at, once WeChat accepted its completion (the version moves on).</summary>
    public Task RecordEndDeviceAsync(long orderId, string endDeviceId, CancellationToken cancellationToken) =>
        InTransactionAsync((db, ct) =>
            db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.EndDeviceId, endDeviceId).SetProperty(o => o.Version, o => o.Version + 1), ct),
            cancellationToken);

    /// <summary>Makes an order due for the reconciler at <paramref name="dueAt"/> (after an action whose result could not be queried).</summary>
    public Task MakeDueAsync(long orderId, long dueAt, CancellationToken cancellationToken) =>
        InTransactionAsync((db, ct) =>
            db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.NextReconcileAt, dueAt).SetProperty(o => o.Version, o => o.Version + 1), ct),
            cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due orders for <paramref name="owner"/>: a lease so that no other instance
    /// takes them (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite: one statement under its one writer). The lease
    /// is no change of the order: its version stays.
    /// </summary>
    public Task<IReadOnlyList<long>> ClaimDueOrdersAsync(string owner, long now, long leaseUntil, int limit, CancellationToken cancellationToken) =>
        InTransactionAsync<IReadOnlyList<long>>(async (db, ct) =>
        {
            var ids = IsPostgres
                ? db.Database.SqlQuery<long>($"""
                    UPDATE orders SET lease_owner = {owner}, lease_until = {leaseUntil}
                    WHERE id IN (SELECT id FROM orders
                                 WHERE next_reconcile_at IS NOT NULL AND next_reconcile_at <= {now}
                                   AND (lease_until IS NULL OR lease_until < {now})
                                 ORDER BY next_reconcile_at LIMIT {limit}
                                 FOR UPDATE SKIP LOCKED)
                    RETURNING id AS "Value"
                    """)
                : db.Database.SqlQuery<long>($"""
                    UPDATE orders SET lease_owner = {owner}, lease_until = {leaseUntil}
                    WHERE id IN (SELECT id FROM orders
                                 WHERE next_reconcile_at IS NOT NULL AND next_reconcile_at <= {now}
                                   AND (lease_until IS NULL OR lease_until < {now})
                                 ORDER BY next_reconcile_at LIMIT {limit})
                    RETURNING id AS "Value"
                    """);
            return await ids.ToListAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// After a start: orders with a state-changing journal row that never got an outcome (sent before
    /// <paramref name="sentBefore"/>) become due now, lease dropped. Returns how many.
    /// </summary>
    public Task<int> MakeInterruptedCallsDueAsync(long sentBefore, long now, IReadOnlyList<WeChatCallOperation> readOnlyOperations, CancellationToken cancellationToken)
    {
        var readOnly = readOnlyOperations.ToArray();
        return InTransactionAsync((db, ct) =>
            db.Orders.Where(o => db.WeChatCalls.Any(c => c.OrderId == o.Id && c.Outcome == null && c.SentAt < sentBefore && !readOnly.Contains(c.Operation)))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextReconcileAt, now).SetProperty(o => o.LeaseOwner, (string?)null)
                    .SetProperty(o => o.LeaseUntil, (long?)null).SetProperty(o => o.Version, o => o.Version + 1), ct), cancellationToken);
    }

    /// <summary>
    /// The journal's housekeeping: read-only calls without an outcome sent before <paramref name="sentBefore"/> get
    /// <paramref name="interruptedOutcome"/>; read-only rows with an outcome sent before <paramref name="deleteBefore"/>
    /// (if any) are deleted. Returns (marked, deleted).
    /// </summary>
    public Task<(int Interrupted, int Deleted)> TidyJournalAsync(IReadOnlyList<WeChatCallOperation> readOnlyOperations, long sentBefore, long now, WeChatCallOutcome interruptedOutcome,
        string interruptedMessage, long? deleteBefore, CancellationToken cancellationToken)
    {
        var readOnly = readOnlyOperations.ToArray();
        return InTransactionAsync(async (db, ct) =>
        {
            var calls = db.WeChatCalls.Where(c => readOnly.Contains(c.Operation));
            var interrupted = await calls.Where(c => c.Outcome == null && c.SentAt < sentBefore)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Outcome, (WeChatCallOutcome?)interruptedOutcome).SetProperty(c => c.CompletedAt, now)
                    .SetProperty(c => c.ErrorMessage, interruptedMessage), ct);
            var deleted = deleteBefore is { } before ? await calls.Where(c => c.Outcome != null && c.SentAt < before).ExecuteDeleteAsync(ct) : 0;
            return (interrupted, deleted);
        }, cancellationToken);
    }

    /// <summary>
    /// The reconciler's look at one order, under its lock: <paramref name="settle"/> gets the stored order and its
    /// journal rows of state-changing calls without a final outcome (both tracked: what it changes is saved), and returns
    /// the history entries to add and its verdict. The lease is dropped. Null when the order is gone.
    /// </summary>
    public Task<string?> SettleReconcileAsync(string subMchId, string outOrderNo, IReadOnlyList<WeChatCallOperation> readOnlyOperations, IReadOnlyList<WeChatCallOutcome> finalOutcomes,
        Func<OrderRecord, IReadOnlyList<WeChatCallRecord>, (IReadOnlyList<OrderEventRecord> Entries, string Verdict)> settle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settle);
        var readOnly = readOnlyOperations.ToArray();
        var final = finalOutcomes.Select(o => (WeChatCallOutcome?)o).ToArray();
        return ForOrderAsync(subMchId, outOrderNo, async (db, order, ct) =>
        {
            if (order is null)
            {
                return null;
            }

            var open = await db.WeChatCalls.AsTracking()
                .Where(c => c.OrderId == order.Id && (c.Outcome == null || !final.Contains(c.Outcome)) && !readOnly.Contains(c.Operation))
                .ToListAsync(ct);
            var (entries, verdict) = settle(order, open);
            db.OrderEvents.AddRange(entries);
            order.LeaseOwner = null;
            order.LeaseUntil = null;
            return verdict;
        }, cancellationToken);
    }

    /// <summary>True when the save failed on a unique index (a concurrent or repeated insert of the same key).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException { SqlState: "23505" }:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }:
                    return true;
            }
        }

        return false;
    }

    private static IQueryable<OrderRecord> DueQuery(PayScoreDbContext db, long orderId) =>
        db.Orders.Where(o => o.Id == orderId && o.NextReconcileAt != null);

    private static bool AddChange(PayScoreDbContext db, OrderEventRecord? change)
    {
        if (change is null)
        {
            return false;
        }

        db.OrderEvents.Add(change);
        return true;
    }
}
