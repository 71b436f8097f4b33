namespace WxPayScore.Server.Persistence;

/// <summary>Every callback delivery received, with its verification result and what was done with it.</summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    public long ReceivedAt { get; set; }

    /// <summary>Notification id (only trusted when <see cref="Verification"/> is <c>ok</c>).</summary>
    public string? NotificationId { get; set; }

    public string? EventType { get; set; }

    /// <summary><c>ok</c> or the <c>CallbackFailure</c> name (InvalidSignature, StaleTimestamp, SignatureProbe…).</summary>
    public string Verification { get; set; } = string.Empty;

    public NotificationOutcome Outcome { get; set; }

    public long? OrderId { get; set; }

    public string? SubMchId { get; set; }

    public string? OutOrderNo { get; set; }

    public string? Error { get; set; }

    public string? Instance { get; set; }
}
