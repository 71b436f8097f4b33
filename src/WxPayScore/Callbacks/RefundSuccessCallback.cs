using WxPayScore.Refunds;

namespace WxPayScore.Callbacks;

/// <summary><c>REFUND.SUCCESS</c>: the money reached the user (<c>success_time</c> set). Final.</summary>
public sealed record RefundSuccessCallback : RefundCallback
{
    /// <inheritdoc />
    public override RefundStatus Status => RefundStatus.Success;
}
