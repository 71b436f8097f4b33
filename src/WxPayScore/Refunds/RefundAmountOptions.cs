namespace WxPayScore.Refunds;

/// <summary><c>amount</c> of a refund request: what to refund of which transaction total, in fen.</summary>
public sealed record RefundAmountOptions
{
    /// <summary>The refund, ≥ 1 fen; with the transaction's earlier refunds at most <see cref="Total"/>.</summary>
    public required long Refund { get; init; }

    /// <summary>The original transaction's total: for Pay Score, the collection detail's <c>amount</c> (refunds.md §2.3).</summary>
    public required long Total { get; init; }

    /// <summary>Always <c>CNY</c>.</summary>
    public string Currency { get; init; } = "CNY";

    /// <summary>Sources of the money (rarely used; their amounts add up to <see cref="Refund"/>).</summary>
    public IReadOnlyList<RefundFrom>? From { get; init; }
}
