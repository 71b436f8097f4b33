namespace WxPayScore.Server.Persistence;

/// <summary>
/// The journal of WeChat calls — every WeChat Pay call (state-changing ones, queries, the SDK's certificate download)
/// and every mini-program login exchange: written (and committed) before the request is sent, completed with the outcome afterwards. A row without
/// an outcome means the process stopped in between; the reconciler repairs the orders of state-changing ones.
/// </summary>
public sealed class WeChatCallRecord
{
    public long Id { get; set; }

    /// <summary>The order (lets one SaveChanges insert an order with its first history entry / journal row).</summary>
    public OrderRecord? Order { get; set; }

    public long? OrderId { get; set; }

    public WeChatCallOperation Operation { get; set; }

    /// <summary>
    /// What the call addressed: method and path, e.g. <c>GET /v3/payscore/partner/serviceorder?query_id=…</c>. Never a
    /// secret: the login exchange is recorded without its code and AppSecret.
    /// </summary>
    public string? Target { get; set; }

    public byte[]? RequestBody { get; set; }

    public long SentAt { get; set; }

    public long? CompletedAt { get; set; }

    /// <summary>Null until known.</summary>
    public WeChatCallOutcome? Outcome { get; set; }

    public int? HttpStatus { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? RequestId { get; set; }

    public string Instance { get; set; } = string.Empty;
}
