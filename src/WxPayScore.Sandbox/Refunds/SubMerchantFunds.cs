namespace WxPayScore.Sandbox.Refunds;

/// <summary>
/// The balance a sub-merchant refunds from (refunds.md §10.6). <c>unlimited</c> (default): every refund is funded.
/// <c>reject</c>: a refund above <see cref="Balance"/> is refused at once with <c>403 NOT_ENOUGH</c>. <c>queue</c>: it is
/// accepted and waits PROCESSING for funds, and is CLOSED after 7 days of business time unless the balance is topped up.
/// </summary>
internal sealed record SubMerchantFunds
{
    public const string Unlimited = "unlimited";
    public const string Reject = "reject";
    public const string Queue = "queue";

    public required string SubMchId { get; init; }

    public string Mode { get; set; } = Unlimited;

    /// <summary>Fen available for refunds (ignored when <see cref="Mode"/> is unlimited).</summary>
    public long Balance { get; set; }

    public bool Covers(long amount) => Mode == Unlimited || Balance >= amount;
}
