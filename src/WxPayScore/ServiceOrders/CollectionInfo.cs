namespace WxPayScore.ServiceOrders;

/// <summary>Collection information (收款信息), present after a non-zero completion.</summary>
public sealed record CollectionInfo
{
    /// <summary><c>USER_PAYING</c> or <c>USER_PAID</c>.</summary>
    public string? State { get; init; }

    public long? TotalAmount { get; init; }

    public long? PayingAmount { get; init; }

    public long? PaidAmount { get; init; }

    public IReadOnlyList<CollectionDetail>? Details { get; init; }

    public string? BankType { get; init; }
}
