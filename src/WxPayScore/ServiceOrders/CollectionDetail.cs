using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>One collection record (收款明细).</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record CollectionDetail
{
    /// <summary>Sequence number of the collection (1, 2, …).</summary>
    public int Seq { get; init; }

    /// <summary>Amount collected, in fen.</summary>
    public long Amount { get; init; }

    /// <summary><c>NEWTON</c> (collected by Pay Score) or <c>MCH</c> (paid to the merchant elsewhere, via sync).</summary>
    public string? PaidType { get; init; }

    /// <summary>When it was paid (<c>yyyyMMddHHmmss</c>).</summary>
    public string? PaidTime { get; init; }

    /// <summary>WeChat Pay's transaction id.</summary>
    public string? TransactionId { get; init; }

    /// <summary>Discounts applied to this collection.</summary>
    public IReadOnlyList<Promotion>? PromotionDetail { get; init; }
}
