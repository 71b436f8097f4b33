namespace WxPayScore.Refunds;

/// <summary>
/// <c>status</c> of a refund (refunds.md §8). <see cref="Success"/> and <see cref="Closed"/> are final;
/// <see cref="Abnormal"/> is not (an abnormal refund reroutes it).
/// </summary>
public enum RefundStatus
{
    /// <summary>A value this SDK does not know (kept as text in <see cref="Refund.StatusText"/>).</summary>
    Unknown = 0,

    /// <summary><c>PROCESSING</c>: accepted, in progress.</summary>
    Processing,

    /// <summary><c>SUCCESS</c>: the money reached <c>user_received_account</c>.</summary>
    Success,

    /// <summary><c>CLOSED</c>: nothing was refunded (funds lacking for 7 days); refund again with a new <c>out_refund_no</c>.</summary>
    Closed,

    /// <summary><c>ABNORMAL</c>: the original route failed; funds are held by WeChat until an abnormal refund.</summary>
    Abnormal,
}
