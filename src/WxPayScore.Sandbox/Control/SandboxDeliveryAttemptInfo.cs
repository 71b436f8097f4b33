using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>One delivery attempt of a callback.</summary>
public sealed record SandboxDeliveryAttemptInfo
{
    [JsonPropertyName("attempt")]
    public int Attempt { get; init; }

    /// <summary><c>first</c>, <c>retry</c>, <c>resend</c>, <c>duplicate</c>, <c>probe</c> or <c>dropped</c>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>Business time.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("wall_time")]
    public DateTimeOffset WallTime { get; init; }

    [JsonPropertyName("status_code")]
    public int? StatusCode { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }
}
