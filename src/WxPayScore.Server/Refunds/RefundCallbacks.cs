using WxPayScore.Callbacks;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// <c>REFUND.SUCCESS</c> / <c>ABNORMAL</c> / <c>CLOSED</c> (refunds.md §5) through the callbacks' one path
/// (<see cref="CallbackProcessor"/>: verification, rejection log, dedupe by notification id): routed by the decrypted
/// <c>sub_mchid</c> and <c>out_refund_no</c> to the ledger row, checked against it (amount, transaction) and applied
/// only forward, under the order's lock.
/// </summary>
public sealed class RefundCallbacks(CallbackProcessor processor, OrderWrites writes, OrderReads reads, RefundTransitions transitions, ILogger<RefundCallbacks> logger)
{
    public Task<CallbackAnswer> ProcessAsync(ReadOnlyMemory<byte> body, CallbackHeaders headers, CancellationToken cancellationToken) =>
        processor.ProcessAsync(body, headers, RouteAsync, cancellationToken);

    private async Task<CallbackRoute?> RouteAsync(PayScoreCallback callback)
    {
        if (callback is not RefundCallback refund)
        {
            return null;
        }

        var subMchId = refund.Refund.SubMchId!;
        var outRefundNo = refund.Refund.OutRefundNo!;
        string? outOrderNo;
        await using (var db = await reads.OpenAsync(CancellationToken.None))
        {
            outOrderNo = await db.Refunds.Where(r => r.SubMchId == subMchId && r.OutRefundNo == outRefundNo).Select(r => r.OutOrderNo).FirstOrDefaultAsync();
        }

        return new CallbackRoute(subMchId, outOrderNo, now => writes.ApplyRefundCallbackAsync(refund.Id, subMchId, outOrderNo, outRefundNo, now,
            stored => Apply(stored, refund, subMchId, outOrderNo, now), CancellationToken.None));
    }

    private (NotificationRecord Log, OrderEventRecord? Change) Apply(RefundRecord? stored, RefundCallback callback, string subMchId, string? outOrderNo, long now)
    {
        var log = processor.LogEntry(callback, subMchId, outOrderNo, stored?.OrderId, now);
        var notification = callback.Refund;
        if (stored is null)
        {
            logger.LogWarning("Refund callback {NotificationId} is about an unknown refund {SubMchId}/{OutRefundNo}", callback.Id, subMchId, notification.OutRefundNo);
            log.Outcome = NotificationOutcome.UnknownOrder;
            log.Error = $"no refund {notification.OutRefundNo} in the ledger";
            return (log, null);
        }

        if (notification.Amount?.Refund != stored.Amount || (notification.TransactionId is { } transaction && transaction != stored.TransactionId))
        {
            // refunds.md §5.3: check amount.refund against the record; a mismatch is not applied (and is kept for a look).
            logger.LogWarning("Refund callback {NotificationId} does not match refund {OutRefundNo}", callback.Id, stored.OutRefundNo);
            log.Outcome = NotificationOutcome.NoChange;
            log.Error = $"does not match the ledger: refund {notification.Amount?.Refund} of {notification.TransactionId}, stored {stored.Amount} of {stored.TransactionId}";
            return (log, null);
        }

        var change = transitions.Apply(stored, callback.Status, notification.RefundId, null, notification.UserReceivedAccount, notification.Amount?.PayerRefund,
            notification.SuccessTime, OrderSource.Callback, callback.Id, now);
        log.Outcome = change is null ? NotificationOutcome.NoChange : NotificationOutcome.Applied;
        return (log, change);
    }
}
