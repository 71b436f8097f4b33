using WxPayScore.Refunds;

namespace WxPayScore.Callbacks;

/// <summary>
/// A <c>REFUND.*</c> notification (refunds.md §5): <see cref="RefundSuccessCallback"/>, <see cref="RefundAbnormalCallback"/>
/// or <see cref="RefundClosedCallback"/>. Lock on (<c>sub_mchid</c>, <c>out_refund_no</c>), check the amount and the
/// sub-merchant against your record, and apply the status only forward (<see cref="RefundStatusNames.IsForward"/>).
/// </summary>
public abstract record RefundCallback : PayScoreCallback
{
    /// <summary><c>event_type</c> of <see cref="RefundSuccessCallback"/>.</summary>
    public const string SuccessEvent = "REFUND.SUCCESS";
    /// <summary><c>event_type</c> of <see cref="RefundAbnormalCallback"/>.</summary>
    public const string AbnormalEvent = "REFUND.ABNORMAL";
    /// <summary><c>event_type</c> of <see cref="RefundClosedCallback"/>.</summary>
    public const string ClosedEvent = "REFUND.CLOSED";

    /// <summary>The refund as the notification reports it.</summary>
    public required RefundNotification Refund { get; init; }

    /// <summary>The status the event stands for (its <c>refund_status</c>).</summary>
    public abstract RefundStatus Status { get; }

    /// <summary>The status an event type stands for; <see cref="RefundStatus.Unknown"/> for any other event.</summary>
    public static RefundStatus StatusOf(string? eventType) => eventType switch
    {
        SuccessEvent => RefundStatus.Success,
        AbnormalEvent => RefundStatus.Abnormal,
        ClosedEvent => RefundStatus.Closed,
        _ => RefundStatus.Unknown,
    };
}
