using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>An active fault rule.</summary>
public sealed record SandboxFault
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("endpoint")]
    public required string Endpoint { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>Calls still affected; null = unlimited (percent rule).</summary>
    [JsonPropertyName("remaining")]
    public int? Remaining { get; init; }

    [JsonPropertyName("percent")]
    public int? Percent { get; init; }

    [JsonPropertyName("delay_ms")]
    public int? DelayMs { get; init; }

    /// <summary>How many calls it has affected.</summary>
    [JsonPropertyName("hits")]
    public int Hits { get; init; }
}
