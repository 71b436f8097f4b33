namespace WxPayScore.Server.Persistence;

/// <summary>
/// One refund of the ledger, keyed by (<see cref="SubMchId"/>, <see cref="OutRefundNo"/>): one collection detail's
/// transaction refunded by <see cref="Amount"/> fen. Stored (with the journal row of its create) before the create is sent,
/// so that a retry — in this process or the next — carries the same number and the same bytes. Times are Unix milliseconds.
/// </summary>
public sealed class RefundRecord
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    public string SubMchId { get; set; } = string.Empty;

    public string OutRefundNo { get; set; } = string.Empty;

    public string OutOrderNo { get; set; } = string.Empty;

    /// <summary>The refunded collection detail's <c>transaction_id</c> (and <c>seq</c>, <c>amount</c> = the refund's <c>amount.total</c>).</summary>
    public string TransactionId { get; set; } = string.Empty;

    public int DetailSeq { get; set; }

    public long DetailAmount { get; set; }

    /// <summary><c>amount.refund</c>, in fen.</summary>
    public long Amount { get; set; }

    public string? Reason { get; set; }

    /// <summary>The <c>notify_url</c> sent (null: none; WeChat then uses the merchant platform's refund URL).</summary>
    public string? NotifyUrl { get; set; }

    public RefundPhase Phase { get; set; }

    /// <summary>WeChat's <c>refund_id</c>, once known.</summary>
    public string? RefundId { get; set; }

    public string? Channel { get; set; }

    public string? UserReceivedAccount { get; set; }

    /// <summary>What the user gets back (<c>amount.payer_refund</c>), once known.</summary>
    public long? PayerRefund { get; set; }

    /// <summary>The journal row of the create (its exact request body).</summary>
    public long? CreateCallId { get; set; }

    /// <summary>WeChat's refusal (FAILED) or the last error seen.</summary>
    public string? Error { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? SucceededAt { get; set; }

    /// <summary>When the reconciler should ask WeChat next (PENDING, PROCESSING, ABNORMAL); null when final.</summary>
    public long? NextCheckAt { get; set; }

    public int CheckAttempts { get; set; }

    public string? LeaseOwner { get; set; }

    public long? LeaseUntil { get; set; }

    /// <summary>Concurrency token: grows with every change (not with the reconciler's lease).</summary>
    public long Version { get; set; }
}
