using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox;

/// <summary>An order as the control API shows it: the WeChat query answer plus the sandbox's own facts.</summary>
public sealed record SandboxOrderInfo
{
    [JsonPropertyName("mchid")]
    public required string MchId { get; init; }

    [JsonPropertyName("sub_mchid")]
    public required string SubMchId { get; init; }

    [JsonPropertyName("out_order_no")]
    public required string OutOrderNo { get; init; }

    /// <summary>state[/state_description][/collection.state], e.g. <c>DOING/MCH_COMPLETE/USER_PAYING</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Exactly what <c>GET /v3/payscore/partner/serviceorder</c> would answer now.</summary>
    [JsonPropertyName("order")]
    public required ServiceOrder Order { get; init; }

    [JsonPropertyName("package")]
    public string? Package { get; init; }

    [JsonPropertyName("package_expires_at")]
    public DateTimeOffset? PackageExpiresAt { get; init; }

    [JsonPropertyName("package_spent")]
    public bool PackageSpent { get; init; }

    [JsonPropertyName("query_id")]
    public required string QueryId { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("confirmed_by")]
    public string? ConfirmedBy { get; init; }

    [JsonPropertyName("confirmed_at")]
    public DateTimeOffset? ConfirmedAt { get; init; }

    [JsonPropertyName("cancel_reason")]
    public string? CancelReason { get; init; }

    [JsonPropertyName("collection_due_at")]
    public DateTimeOffset? CollectionDueAt { get; init; }

    [JsonPropertyName("payment_blocked")]
    public bool PaymentBlocked { get; init; }

    /// <summary>The create request body exactly as the merchant sent it (sub_mchid, appid/sub_appid, device, location…).</summary>
    [JsonPropertyName("create_body")]
    public string? CreateBody { get; init; }

    /// <summary>The last complete request body as the merchant sent it, if any.</summary>
    [JsonPropertyName("complete_body")]
    public string? CompleteBody { get; init; }

    /// <summary>Relative URL of the confirm page for this order's package.</summary>
    [JsonPropertyName("confirm_page")]
    public string? ConfirmPage { get; init; }
}
