namespace WxPayScore.Server.Persistence;

/// <summary>The idempotency marker of a processed notification: its id is the primary key, so it is processed once.</summary>
public sealed class ProcessedNotificationRecord
{
    public string NotificationId { get; set; } = string.Empty;

    public long ProcessedAt { get; set; }

    public long? OrderId { get; set; }
}
