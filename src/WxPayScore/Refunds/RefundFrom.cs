namespace WxPayScore.Refunds;

/// <summary>One source of the refunded money (<c>amount.from[]</c>): <c>AVAILABLE</c> or <c>UNAVAILABLE</c> funds.</summary>
public sealed record RefundFrom
{
    /// <summary><c>AVAILABLE</c> (available balance) or <c>UNAVAILABLE</c> (unavailable balance).</summary>
    public required string Account { get; init; }

    /// <summary>Amount from this account, in fen.</summary>
    public required long Amount { get; init; }
}
