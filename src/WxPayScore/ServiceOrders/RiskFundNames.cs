namespace WxPayScore.ServiceOrders;

/// <summary>The values of <c>risk_fund.name</c>.</summary>
public static class RiskFundNames
{
    /// <summary>Deposit (先免).</summary>
    public const string Deposit = "DEPOSIT";
    /// <summary>Advance payment (先免).</summary>
    public const string Advance = "ADVANCE";
    /// <summary>Cash deposit (先免).</summary>
    public const string CashDeposit = "CASH_DEPOSIT";
    /// <summary>Estimated order cost (先享).</summary>
    public const string EstimateOrderCost = "ESTIMATE_ORDER_COST";

    /// <summary>Names allowed by a 先免 (deposit waived) service.</summary>
    public static IReadOnlyList<string> DepositWaived { get; } = [Deposit, Advance, CashDeposit];

    /// <summary>Names allowed by a 先享 (enjoy first) service.</summary>
    public static IReadOnlyList<string> EnjoyFirst { get; } = [EstimateOrderCost];

    /// <summary>Whether <paramref name="name"/> is one of the four names.</summary>
    public static bool IsKnown(string? name) => name is Deposit or Advance or CashDeposit or EstimateOrderCost;
}
