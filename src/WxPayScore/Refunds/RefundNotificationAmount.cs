namespace WxPayScore.Refunds;

/// <summary><c>amount</c> of a refund notification: only these four amounts, in fen (refunds.md §5.2).</summary>
public sealed record RefundNotificationAmount
{
    /// <summary>The original transaction's total.</summary>
    public long Total { get; init; }

    /// <summary>The refund.</summary>
    public long Refund { get; init; }

    /// <summary>What the user paid in the transaction.</summary>
    public long PayerTotal { get; init; }

    /// <summary>What goes back to the user.</summary>
    public long PayerRefund { get; init; }
}
