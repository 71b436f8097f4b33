using WxPayScore.Refunds;

namespace WxPayScore.Callbacks;

/// <summary><c>REFUND.CLOSED</c>: nothing was refunded; the amount is refundable again, with a new <c>out_refund_no</c>. Final.</summary>
public sealed record RefundClosedCallback : RefundCallback
{
    /// <inheritdoc />
    public override RefundStatus Status => RefundStatus.Closed;
}
