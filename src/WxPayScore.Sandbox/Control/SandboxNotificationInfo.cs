using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>A callback and its delivery history.</summary>
public sealed record SandboxNotificationInfo
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("event_type")]
    public required string EventType { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonPropertyName("out_order_no")]
    public required string OutOrderNo { get; init; }

    /// <summary>Set for a <c>REFUND.*</c> notification.</summary>
    [JsonPropertyName("out_refund_no")]
    public string? OutRefundNo { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary><c>Pending</c>, <c>Delivered</c>, <c>GaveUp</c>, <c>Held</c> or <c>Dropped</c>.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("next_attempt_at")]
    public DateTimeOffset? NextAttemptAt { get; init; }

    [JsonPropertyName("attempts")]
    public required IReadOnlyList<SandboxDeliveryAttemptInfo> Attempts { get; init; }

    /// <summary>The envelope JSON exactly as POSTed.</summary>
    [JsonPropertyName("body")]
    public required string Body { get; init; }
}
