using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>The result of confirming an order as a simulated user (what the in-page return button hands back, and more).</summary>
public sealed record SandboxConfirmation
{
    [JsonPropertyName("query_id")]
    public required string QueryId { get; init; }

    [JsonPropertyName("out_order_no")]
    public required string OutOrderNo { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonPropertyName("openid")]
    public required string OpenId { get; init; }

    [JsonPropertyName("sub_openid")]
    public string? SubOpenId { get; init; }
}
