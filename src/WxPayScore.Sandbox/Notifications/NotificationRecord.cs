using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// A callback (<c>PAYSCORE.USER_CONFIRM</c> / <c>PAYSCORE.USER_PAID</c>, or <c>REFUND.*</c>) with its fixed envelope and every delivery attempt.
/// Mutated only under <see cref="Gate"/>.
/// </summary>
internal sealed class NotificationRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public required string EventType { get; init; }

    public required string MchId { get; init; }

    public required string SubMchId { get; init; }

    /// <summary>The Pay Score order the callback is about (for a refund notification: the order of the refunded transaction).</summary>
    public required string OutOrderNo { get; init; }

    /// <summary>Set for a <c>REFUND.*</c> notification: the refund it reports (retried on the refund schedule).</summary>
    public string? OutRefundNo { get; init; }

    public required string Url { get; init; }

    /// <summary>The envelope JSON, identical on every attempt (only the signature headers are made afresh).</summary>
    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public NotificationState State { get; set; }

    /// <summary>Failed scheduled attempts so far (indexes the retry schedule).</summary>
    public int Failures { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>duplicate fault: after the next successful delivery, deliver the same notification once more.</summary>
    public bool Duplicate { get; set; }

    /// <summary>fail fault: the next attempt counts as failed whatever the answer (its answer lost on the way back).</summary>
    public bool FailNext { get; set; }

    /// <summary>signtest_probe fault: before the next attempt, send a copy signed <c>WECHATPAY/SIGNTEST/…</c>.</summary>
    public bool Probe { get; set; }

    public List<DeliveryAttempt> Attempts { get; init; } = [];

    [JsonIgnore]
    public object Gate { get; } = new();

    /// <summary>Queued or being delivered right now (not persisted).</summary>
    [JsonIgnore]
    public bool Busy { get; set; }
}
