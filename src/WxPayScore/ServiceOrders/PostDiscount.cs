using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>A merchant discount line (商户优惠), amount in fen.</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record PostDiscount
{
    /// <summary>Name of the discount (unique within the order, at most 20 characters).</summary>
    public string? Name { get; init; }

    /// <summary>What the discount is (at most 30 characters).</summary>
    public string? Description { get; init; }

    /// <summary>Discount in fen.</summary>
    public long? Amount { get; init; }

    /// <summary>How many times it applies (1–100).</summary>
    public int? Count { get; init; }
}
