using WxPayScore.Refunds;

namespace WxPayScore.Server.Persistence;

/// <summary>The ledger's phases against WeChat's refund statuses: conversion, finality, and the only-forward rule.</summary>
public static class RefundPhaseExtensions
{
    /// <summary>The phase for WeChat's status; null for an unknown status (never applied).</summary>
    public static RefundPhase? ToPhase(this RefundStatus status) => status switch
    {
        RefundStatus.Processing => RefundPhase.Processing,
        RefundStatus.Success => RefundPhase.Success,
        RefundStatus.Abnormal => RefundPhase.Abnormal,
        RefundStatus.Closed => RefundPhase.Closed,
        _ => null,
    };

    /// <summary>SUCCESS, CLOSED and FAILED never change again.</summary>
    public static bool IsFinal(this RefundPhase phase) => phase is RefundPhase.Success or RefundPhase.Closed or RefundPhase.Failed;

    /// <summary>Whether the amount is taken from the detail's refundable balance (refunds.md §8: all but CLOSED; FAILED never existed).</summary>
    public static bool HoldsAmount(this RefundPhase phase) => phase is not (RefundPhase.Closed or RefundPhase.Failed);

    /// <summary>
    /// Whether WeChat's <paramref name="next"/> status moves a refund in <paramref name="current"/> forward: anything known
    /// moves a PENDING one; then WeChat's own rule (<see cref="RefundStatusNames.IsForward"/>: a late PROCESSING never
    /// downgrades SUCCESS/CLOSED, ABNORMAL is not final).
    /// </summary>
    public static bool IsForward(this RefundPhase current, RefundStatus next) => current switch
    {
        RefundPhase.Failed => false,
        RefundPhase.Pending => next.ToPhase() is not null,
        _ => RefundStatusNames.IsForward(current.ToStatus(), next),
    };

    /// <summary>WeChat's status for a phase it knows (PENDING and FAILED have none: Unknown).</summary>
    public static RefundStatus ToStatus(this RefundPhase phase) => phase switch
    {
        RefundPhase.Processing => RefundStatus.Processing,
        RefundPhase.Success => RefundStatus.Success,
        RefundPhase.Abnormal => RefundStatus.Abnormal,
        RefundPhase.Closed => RefundStatus.Closed,
        _ => RefundStatus.Unknown,
    };

    /// <summary>For <see cref="RefundPlanner"/>: what the refund takes from its detail.</summary>
    public static ExistingRefund ToExisting(this RefundRecord refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new ExistingRefund(refund.TransactionId, refund.Amount, refund.Phase.HoldsAmount() ? RefundStatus.Processing : RefundStatus.Closed);
    }
}
