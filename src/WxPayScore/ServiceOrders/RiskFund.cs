using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>The order's risk amount (订单风险金) used for the credit assessment.</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record RiskFund
{
    /// <summary><see cref="RiskFundNames"/>: DEPOSIT, ADVANCE, CASH_DEPOSIT (先免) or ESTIMATE_ORDER_COST (先享).</summary>
    public required string Name { get; init; }

    /// <summary>Risk amount in fen (&gt; 0); a 先免 completion may not exceed it.</summary>
    public required long Amount { get; init; }

    /// <summary>Shown to the user (at most 30 characters).</summary>
    public string? Description { get; init; }
}
