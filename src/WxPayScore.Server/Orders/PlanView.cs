namespace WxPayScore.Server.Orders;

/// <summary>A plan as the mini program sees it (GET /api/plans).</summary>
public sealed record PlanView(string Id, string ServiceIntroduction, PlanRiskFundView RiskFund, IReadOnlyList<PlanFeeView> Fees, string? Location);
