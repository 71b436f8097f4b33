namespace WxPayScore.Server.Orders;

/// <summary>The risk fund of a plan: DEPOSIT/ADVANCE/CASH_DEPOSIT (先免) or ESTIMATE_ORDER_COST (先享), amount in fen.</summary>
public sealed class PlanRiskFundOptions
{
    public string Name { get; set; } = string.Empty;

    public long Amount { get; set; }

    public string? Description { get; set; }
}
