using WxPayScore.ServiceOrders;

namespace WxPayScore.Refunds;

/// <summary>
/// Splits a refund of an order's amount across its collection details (refunds.md §2, §9.2): each <c>NEWTON</c> detail
/// is its own transaction, refunded at most up to its <c>amount</c> minus its earlier refunds (a <c>CLOSED</c> one frees
/// its amount again), at most 50 times, within 365 days of its <c>paid_time</c>; <c>MCH</c> details are skipped. A pure
/// function: give it a fresh order query and your own ledger.
/// </summary>
public static class RefundPlanner
{
    /// <summary>Refunds per transaction WeChat allows.</summary>
    public const int MaxRefundsPerTransaction = 50;

    /// <summary>How long after the payment a transaction can be refunded.</summary>
    public static readonly TimeSpan RefundWindow = TimeSpan.FromDays(365);

    /// <summary>What <paramref name="order"/> still has to refund through WeChat, in fen, within the limits (at <paramref name="now"/> when given).</summary>
    public static long Refundable(ServiceOrder order, IEnumerable<ExistingRefund>? existing = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.Status.IsPaid)
        {
            return 0;
        }

        var ledger = Ledger(existing);
        return Candidates(order).Sum(d => Usable(d, ledger, now) ? Remaining(d, ledger) : 0);
    }

    /// <summary>
    /// Plans a refund of <paramref name="amount"/> fen, oldest detail first (the first to leave the 365-day window).
    /// Throws <see cref="RefundPlanException"/> when it cannot be done; then nothing should be sent.
    /// </summary>
    public static RefundPlan Plan(ServiceOrder order, long amount, IEnumerable<ExistingRefund>? existing = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (amount < 1)
        {
            throw new RefundPlanException(RefundPlanFailure.InvalidAmount, $"The refund must be at least 1 fen; got {amount}.", 0);
        }

        if (!order.Status.IsPaid)
        {
            throw new RefundPlanException(RefundPlanFailure.NotCollected,
                $"Order {order.OutOrderNo} is {order.Status}: refunds start once it is DONE with collection USER_PAID.", 0);
        }

        var candidates = Candidates(order).ToList();
        if (candidates.Count == 0)
        {
            throw new RefundPlanException(RefundPlanFailure.NothingRefundable,
                $"Order {order.OutOrderNo} has no NEWTON collection detail with a transaction_id; MCH details are refunded by the merchant's own means.", 0);
        }

        var ledger = Ledger(existing);
        var parts = new List<RefundPlanPart>();
        long left = amount, refundable = 0, blockedByLimit = 0, blockedByWindow = 0;
        foreach (var detail in candidates)
        {
            var remaining = Remaining(detail, ledger);
            if (remaining <= 0)
            {
                continue;
            }

            if (ledger.TryGetValue(detail.TransactionId!, out var entry) && entry.Count >= MaxRefundsPerTransaction)
            {
                blockedByLimit += remaining;
                continue;
            }

            if (!WithinWindow(detail, now))
            {
                blockedByWindow += remaining;
                continue;
            }

            refundable += remaining;
            if (left > 0)
            {
                var part = Math.Min(left, remaining);
                parts.Add(new RefundPlanPart(detail.Seq, detail.TransactionId!, detail.Amount, part, remaining));
                left -= part;
            }
        }

        if (left > 0)
        {
            var (failure, why) = left <= blockedByLimit ? (RefundPlanFailure.RefundLimitReached, $"; {blockedByLimit} more is on details that already had {MaxRefundsPerTransaction} refunds")
                : left <= blockedByLimit + blockedByWindow ? (RefundPlanFailure.WindowPassed, $"; {blockedByWindow} more is on details paid over 365 days ago")
                : (RefundPlanFailure.ExceedsRefundable, string.Empty);
            throw new RefundPlanException(failure, $"Cannot refund {amount} fen of order {order.OutOrderNo}: at most {refundable} can be refunded{why}.", refundable);
        }

        return new RefundPlan(amount, parts);
    }

    private static IEnumerable<CollectionDetail> Candidates(ServiceOrder order) =>
        (order.Collection?.Details ?? [])
            .Where(d => d is { PaidType: "NEWTON", TransactionId.Length: > 0, Amount: > 0 })
            .OrderBy(d => d.Seq);

    private static Dictionary<string, (long Refunded, int Count)> Ledger(IEnumerable<ExistingRefund>? existing)
    {
        var ledger = new Dictionary<string, (long Refunded, int Count)>(StringComparer.Ordinal);
        foreach (var refund in existing ?? [])
        {
            ArgumentNullException.ThrowIfNull(refund);
            var (refunded, count) = ledger.GetValueOrDefault(refund.TransactionId);
            // Every refund counts towards the 50 (WeChat counts refund requests); only a CLOSED one gives its money back.
            ledger[refund.TransactionId] = (refunded + (refund.Status == RefundStatus.Closed ? 0 : refund.Amount), count + 1);
        }

        return ledger;
    }

    private static long Remaining(CollectionDetail detail, Dictionary<string, (long Refunded, int Count)> ledger) =>
        Math.Max(0, detail.Amount - ledger.GetValueOrDefault(detail.TransactionId!).Refunded);

    private static bool Usable(CollectionDetail detail, Dictionary<string, (long Refunded, int Count)> ledger, DateTimeOffset? now) =>
        ledger.GetValueOrDefault(detail.TransactionId!).Count < MaxRefundsPerTransaction && WithinWindow(detail, now);

    private static bool WithinWindow(CollectionDetail detail, DateTimeOffset? now) =>
        now is not { } at || !ServiceTime.TryParse(detail.PaidTime, out var paid) || paid.IsOnAccept || at <= paid.Value + RefundWindow;
}
