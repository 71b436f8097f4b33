using WxPayScore.Refunds;

namespace WxPayScore.Callbacks;

/// <summary><c>REFUND.ABNORMAL</c>: the original route failed; not final, reroute it with an abnormal refund.</summary>
public sealed record RefundAbnormalCallback : RefundCallback
{
    /// <inheritdoc />
    public override RefundStatus Status => RefundStatus.Abnormal;
}
