using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>Collection information (收款信息), present after a non-zero completion.</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record CollectionInfo
{
    /// <summary><c>USER_PAYING</c> or <c>USER_PAID</c>.</summary>
    public string? State { get; init; }

    /// <summary>Total to collect, in fen.</summary>
    public long? TotalAmount { get; init; }

    /// <summary>Still to be paid, in fen.</summary>
    public long? PayingAmount { get; init; }

    /// <summary>Already paid, in fen.</summary>
    public long? PaidAmount { get; init; }

    /// <summary>The collections made so far.</summary>
    public IReadOnlyList<CollectionDetail>? Details { get; init; }

    /// <summary>The payer's bank type, when given.</summary>
    public string? BankType { get; init; }
}
