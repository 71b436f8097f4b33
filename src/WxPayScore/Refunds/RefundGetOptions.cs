namespace WxPayScore.Refunds;

/// <summary>Query parameters of <c>GET /v3/refund/domestic/refunds/{out_refund_no}</c> besides the refund number.</summary>
public sealed record RefundGetOptions
{
    /// <summary>The sub-merchant (required in partner mode).</summary>
    public required string SubMchId { get; init; }
}
