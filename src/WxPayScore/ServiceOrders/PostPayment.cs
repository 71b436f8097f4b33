using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>A fee line (后付费项目). <see cref="Amount"/> is the line's total in fen, not a unit price.</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record PostPayment
{
    /// <summary>Name of the fee line (unique within the order, except 商品信息; at most 20 characters).</summary>
    public string? Name { get; init; }

    /// <summary>Amount in fen.</summary>
    public long? Amount { get; init; }

    /// <summary>How the fee is computed (at most 30 characters).</summary>
    public string? Description { get; init; }

    /// <summary>1..100, informational: it does not multiply <see cref="Amount"/>.</summary>
    public int? Count { get; init; }
}
