using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>
/// A fault to inject: on <see cref="Endpoint"/>, <see cref="Kind"/>, for the next <see cref="Count"/> calls and/or for
/// <see cref="Percent"/> % of calls. Neither given: the next call only. Percent without count: until cleared.
/// </summary>
public sealed record SandboxFaultRequest
{
    [JsonPropertyName("endpoint")]
    public string Endpoint { get; init; } = FaultEndpoints.Any;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = string.Empty;

    [JsonPropertyName("count")]
    public int? Count { get; init; }

    [JsonPropertyName("percent")]
    public int? Percent { get; init; }

    [JsonPropertyName("delay_ms")]
    public int? DelayMs { get; init; }
}
