using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The refund ledger's named transactions. Every change of a refund happens under its order's lock (the refunds of an
/// order share its balance), so a plan, a create answer, a callback and the reconciler never interleave on one order.
/// </summary>
public sealed partial class OrderWrites
{
    /// <summary>
    /// A refund request before anything is sent: under the order's lock, <paramref name="plan"/> gets the order (null when
    /// it does not exist) and its ledger, and returns what to write — or null to write nothing (it refused). The ledger
    /// rows, the journal rows of their creates and the history entries commit together; their ids are set.
    /// </summary>
    public Task<PlannedRefunds?> InsertRefundsAsync(string subMchId, string outOrderNo, Func<OrderRecord?, IReadOnlyList<RefundRecord>, PlannedRefunds?> plan,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ForOrderAsync(subMchId, outOrderNo, async (db, order, ct) =>
        {
            var existing = order is null ? [] : await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id).OrderBy(r => r.Id).ToListAsync(ct);
            if (plan(order, existing) is not { } planned)
            {
                return null;
            }

            foreach (var (refund, call) in planned.Refunds)
            {
                db.WeChatCalls.Add(call);
                db.Refunds.Add(refund);
            }

            db.OrderEvents.AddRange(planned.Entries);
            await db.SaveChangesAsync(ct);
            foreach (var (refund, call) in planned.Refunds)
            {
                refund.CreateCallId = call.Id;
            }

            return planned;
        }, cancellationToken);
    }

    /// <summary>
    /// An outcome for one refund (a create answer or refusal, a query answer, the reconciler's verdict): under the order's
    /// lock, <paramref name="apply"/> changes the stored refund and returns the order's history entry, if any; the journal
    /// row <paramref name="call"/> (if given) gets the outcome set on it. The reconciler's lease is dropped. False when the
    /// refund does not exist.
    /// </summary>
    public Task<bool> SettleRefundAsync(string subMchId, string outOrderNo, string outRefundNo, WeChatCallRecord? call, Func<RefundRecord, OrderEventRecord?> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return ForOrderAsync(subMchId, outOrderNo, async (db, _, ct) =>
        {
            if (call is not null)
            {
                MarkOutcome(db, call);
            }

            var refund = await db.Refunds.AsTracking().FirstOrDefaultAsync(r => r.SubMchId == subMchId && r.OutRefundNo == outRefundNo, ct);
            if (refund is null)
            {
                return false;
            }

            AddChange(db, apply(refund));
            refund.LeaseOwner = null;
            refund.LeaseUntil = null;
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A verified <c>REFUND.*</c> callback: under the order's lock (<paramref name="outOrderNo"/> from the ledger; null when
    /// the refund is unknown), the idempotency marker (the notification id), then <paramref name="apply"/> on the stored
    /// refund (null when unknown), which returns the delivery's log entry and the order's history entry. Null when the
    /// notification was processed before.
    /// </summary>
    public Task<NotificationRecord?> ApplyRefundCallbackAsync(string notificationId, string subMchId, string? outOrderNo, string outRefundNo, long now,
        Func<RefundRecord?, (NotificationRecord Log, OrderEventRecord? Change)> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        async Task<NotificationRecord?> Work(PayScoreDbContext db, OrderRecord? order, CancellationToken ct)
        {
            if (await db.ProcessedNotifications.AnyAsync(p => p.NotificationId == notificationId, ct))
            {
                return null;
            }

            // The marker first: a concurrent delivery of the same id blocks on it and then fails as a duplicate.
            db.ProcessedNotifications.Add(new ProcessedNotificationRecord { NotificationId = notificationId, ProcessedAt = now, OrderId = order?.Id });
            await db.SaveChangesAsync(ct);
            var refund = order is null ? null
                : await db.Refunds.AsTracking().FirstOrDefaultAsync(r => r.SubMchId == subMchId && r.OutRefundNo == outRefundNo && r.OrderId == order.Id, ct);
            var (log, change) = apply(refund);
            AddChange(db, change);
            db.Notifications.Add(log);
            return log;
        }

        return outOrderNo is null
            ? InTransactionAsync((db, ct) => Work(db, null, ct), cancellationToken)
            : ForOrderAsync(subMchId, outOrderNo, Work, cancellationToken);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> refunds due for a check (PENDING, PROCESSING, ABNORMAL with
    /// <see cref="RefundRecord.NextCheckAt"/> passed) for <paramref name="owner"/>: a lease, as for orders
    /// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL). Returns their ids.
    /// </summary>
    public Task<IReadOnlyList<long>> ClaimDueRefundsAsync(string owner, long now, long leaseUntil, int limit, CancellationToken cancellationToken) =>
        InTransactionAsync<IReadOnlyList<long>>(async (db, ct) =>
        {
            var ids = IsPostgres
                ? db.Database.SqlQuery<long>($"""
                    UPDATE refunds SET lease_owner = {owner}, lease_until = {leaseUntil}
                    WHERE id IN (SELECT id FROM refunds
                                 WHERE next_check_at IS NOT NULL AND next_check_at <= {now}
                                   AND (lease_until IS NULL OR lease_until < {now})
                                 ORDER BY next_check_at LIMIT {limit}
                                 FOR UPDATE SKIP LOCKED)
                    RETURNING id AS "Value"
                    """)
                : db.Database.SqlQuery<long>($"""
                    UPDATE refunds SET lease_owner = {owner}, lease_until = {leaseUntil}
                    WHERE id IN (SELECT id FROM refunds
                                 WHERE next_check_at IS NOT NULL AND next_check_at <= {now}
                                   AND (lease_until IS NULL OR lease_until < {now})
                                 ORDER BY next_check_at LIMIT {limit})
                    RETURNING id AS "Value"
                    """);
            return await ids.ToListAsync(ct);
        }, cancellationToken);
}
