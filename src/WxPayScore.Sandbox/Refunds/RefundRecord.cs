using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Refunds;

/// <summary>
/// One refund as the sandbox keeps it (refunds.md §10): the WeChat-visible fields, the request it was accepted with
/// (for idempotent replays) and its schedule on the business clock. Mutated only under <see cref="Gate"/>.
/// </summary>
internal sealed class RefundRecord
{
    public required string MchId { get; init; }

    public required string SubMchId { get; init; }

    public required string OutRefundNo { get; init; }

    public required string RefundId { get; init; }

    public required string TransactionId { get; init; }

    public required string OutTradeNo { get; init; }

    /// <summary>The Pay Score order the transaction belongs to (sandbox bookkeeping; never on the wire).</summary>
    public required string OutOrderNo { get; init; }

    public long Refund { get; init; }

    public long Total { get; init; }

    public string? Reason { get; init; }

    public string? NotifyUrl { get; init; }

    public required string Status { get; set; }

    public required string Channel { get; set; }

    public required string UserReceivedAccount { get; set; }

    public string? FundsAccount { get; init; }

    public List<Wire.RefundFromRequest>? From { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SuccessAt { get; set; }

    /// <summary>When the PROCESSING refund settles (SUCCESS, or ABNORMAL when injected); null while it waits for funds.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Queued for lack of funds (balance mode <c>queue</c>): CLOSED at this time unless funds arrive first.</summary>
    public DateTimeOffset? CloseAt { get; set; }

    /// <summary>Rerouted by an abnormal refund: it does not go ABNORMAL again.</summary>
    public bool Rerouted { get; set; }

    [JsonIgnore]
    public object Gate { get; } = new();

    [JsonIgnore]
    public RefundKey Key => new(SubMchId, OutRefundNo);

    /// <summary>Counts against the transaction's refundable balance (§8: CLOSED frees it again).</summary>
    [JsonIgnore]
    public bool HoldsBalance => Status != RefundStatuses.Closed;
}
