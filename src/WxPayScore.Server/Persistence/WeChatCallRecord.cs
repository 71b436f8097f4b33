namespace WxPayScore.Server.Persistence;

/// <summary>
/// The journal of state-changing WeChat Pay calls: written (and committed) before the request is sent, completed with
/// the outcome afterwards. A row without an outcome means the process stopped in between; the reconciler repairs it.
/// </summary>
public sealed class WeChatCallRecord
{
    public long Id { get; set; }

    /// <summary>The order (lets one SaveChanges insert an order with its first history entry / journal row).</summary>
    public OrderRecord? Order { get; set; }

    public long? OrderId { get; set; }

    /// <summary>create, cancel, complete, modify, pay, sync.</summary>
    public string Operation { get; set; } = string.Empty;

    public byte[]? RequestBody { get; set; }

    public long SentAt { get; set; }

    public long? CompletedAt { get; set; }

    /// <summary>Null until known: ok, api_error, unknown (no answer), bad_signature, reconciled_found, reconciled_not_found.</summary>
    public string? Outcome { get; set; }

    public int? HttpStatus { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? RequestId { get; set; }

    public string Instance { get; set; } = string.Empty;
}
