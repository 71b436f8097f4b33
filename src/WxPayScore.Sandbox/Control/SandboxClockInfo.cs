using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>The business clock.</summary>
public sealed record SandboxClockInfo
{
    /// <summary>Business time, Beijing time (+08:00).</summary>
    [JsonPropertyName("now")]
    public DateTimeOffset Now { get; init; }

    /// <summary>The wall clock (signature timestamps), +08:00.</summary>
    [JsonPropertyName("wall_now")]
    public DateTimeOffset WallNow { get; init; }

    /// <summary>How far the business clock is ahead of the wall clock.</summary>
    [JsonPropertyName("offset_seconds")]
    public long OffsetSeconds { get; init; }
}
