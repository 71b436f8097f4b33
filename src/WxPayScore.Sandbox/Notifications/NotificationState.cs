namespace WxPayScore.Sandbox.Notifications;

/// <summary>Where a callback stands.</summary>
internal enum NotificationState
{
    /// <summary>Waiting for its next attempt (<see cref="NotificationRecord.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>The merchant answered 200 or 204.</summary>
    Delivered,

    /// <summary>Every retry of the schedule failed; WeChat gives up (the merchant must query).</summary>
    GaveUp,

    /// <summary>Held back by an out_of_order fault until a later event of the same order is delivered.</summary>
    Held,

    /// <summary>Never sent (never_deliver fault).</summary>
    Dropped,
}
