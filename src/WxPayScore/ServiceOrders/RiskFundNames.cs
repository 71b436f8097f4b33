namespace WxPayScore.ServiceOrders;

/// <summary>The values of <c>risk_fund.name</c>.</summary>
public static class RiskFundNames
{
    public const string Deposit = "DEPOSIT";
    public const string Advance = "ADVANCE";
    public const string CashDeposit = "CASH_DEPOSIT";
    public const string EstimateOrderCost = "ESTIMATE_ORDER_COST";

    /// <summary>Names allowed by a 先免 (deposit waived) service.</summary>
    public static IReadOnlyList<string> DepositWaived { get; } = [Deposit, Advance, CashDeposit];

    /// <summary>Names allowed by a 先享 (enjoy first) service.</summary>
    public static IReadOnlyList<string> EnjoyFirst { get; } = [EstimateOrderCost];

    public static bool IsKnown(string? name) => name is Deposit or Advance or CashDeposit or EstimateOrderCost;
}
