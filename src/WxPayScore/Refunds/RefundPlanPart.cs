namespace WxPayScore.Refunds;

/// <summary>One refund of a plan: <see cref="Refund"/> fen of the collection detail <see cref="Seq"/>, its own <c>out_refund_no</c>.</summary>
/// <param name="Seq">The collection detail's <c>seq</c>.</param>
/// <param name="TransactionId">The detail's <c>transaction_id</c>: the refund's <c>transaction_id</c>.</param>
/// <param name="Total">The detail's <c>amount</c>: the refund's <c>amount.total</c>.</param>
/// <param name="Refund">What to refund of this detail: the refund's <c>amount.refund</c>.</param>
/// <param name="RefundableBefore">What the detail still had to refund before this part.</param>
public sealed record RefundPlanPart(int Seq, string TransactionId, long Total, long Refund, long RefundableBefore);
