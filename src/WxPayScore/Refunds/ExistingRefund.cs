namespace WxPayScore.Refunds;

/// <summary>A refund already made (from your own ledger) of one transaction, for <see cref="RefundPlanner"/>.</summary>
/// <param name="TransactionId">The refunded collection detail's <c>transaction_id</c>.</param>
/// <param name="Amount">Its <c>amount.refund</c>, in fen.</param>
/// <param name="Status">Its status; a <see cref="RefundStatus.Closed"/> refund gives its amount back (refunds.md §8).</param>
public sealed record ExistingRefund(string TransactionId, long Amount, RefundStatus Status);
