namespace WxPayScore.Sandbox.Merchants;

/// <summary>The sub-mode a service id was approved for.</summary>
internal enum ServiceMode
{
    /// <summary>先免: DEPOSIT / ADVANCE / CASH_DEPOSIT; total ≤ risk_fund.amount ≤ cap.</summary>
    DepositWaived,

    /// <summary>先享: ESTIMATE_ORDER_COST; total ≤ cap.</summary>
    EnjoyFirst,
}
