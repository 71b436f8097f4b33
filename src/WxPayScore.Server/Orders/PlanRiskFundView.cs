namespace WxPayScore.Server.Orders;

/// <summary>The risk fund of a plan (amount in fen).</summary>
public sealed record PlanRiskFundView(string Name, long Amount, string? Description);
