namespace WxPayScore.Server.Refunds;

/// <summary>
/// An order's refunds: its collection details with their refundable balance, the ledger (oldest first), and the totals:
/// <see cref="RefundedAmount"/> (SUCCESS), <see cref="PendingAmount"/> (not final yet) and <see cref="RefundableAmount"/>.
/// </summary>
public sealed record AdminRefundList(
    string OutOrderNo,
    string? State,
    long PaidAmount,
    long RefundedAmount,
    long PendingAmount,
    long RefundableAmount,
    IReadOnlyList<AdminRefundDetail> Details,
    IReadOnlyList<AdminRefundView> Refunds);
