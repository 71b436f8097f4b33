namespace WxPayScore.Server.Refunds;

/// <summary>
/// One collection detail of an order and what is left to refund of it: <see cref="Refunded"/> is what its refunds hold
/// (all but CLOSED and FAILED, refunds.md §8); an <c>MCH</c> detail (paid elsewhere) is never refundable through WeChat.
/// </summary>
public sealed record AdminRefundDetail(int Seq, string? PaidType, string? TransactionId, string? PaidTime, long Amount, long Refunded, long Refundable);
