namespace WxPayScore.ServiceOrders;

/// <summary>One collection record (收款明细).</summary>
public sealed record CollectionDetail
{
    public int Seq { get; init; }

    public long Amount { get; init; }

    /// <summary><c>NEWTON</c> (collected by Pay Score) or <c>MCH</c> (paid to the merchant elsewhere, via sync).</summary>
    public string? PaidType { get; init; }

    public string? PaidTime { get; init; }

    public string? TransactionId { get; init; }

    public IReadOnlyList<Promotion>? PromotionDetail { get; init; }
}
