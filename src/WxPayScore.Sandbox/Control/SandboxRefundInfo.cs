using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>A refund as the control API shows it (<c>GET /sandbox/refunds</c>).</summary>
public sealed record SandboxRefundInfo
{
    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonPropertyName("out_refund_no")]
    public required string OutRefundNo { get; init; }

    [JsonPropertyName("refund_id")]
    public required string RefundId { get; init; }

    [JsonPropertyName("out_order_no")]
    public required string OutOrderNo { get; init; }

    [JsonPropertyName("transaction_id")]
    public required string TransactionId { get; init; }

    [JsonPropertyName("out_trade_no")]
    public required string OutTradeNo { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("refund")]
    public long Refund { get; init; }

    [JsonPropertyName("total")]
    public long Total { get; init; }

    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("user_received_account")]
    public required string UserReceivedAccount { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("success_at")]
    public DateTimeOffset? SuccessAt { get; init; }

    /// <summary>When a PROCESSING refund settles; null while it waits for funds.</summary>
    [JsonPropertyName("due_at")]
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When a refund waiting for funds is CLOSED.</summary>
    [JsonPropertyName("close_at")]
    public DateTimeOffset? CloseAt { get; init; }
}
