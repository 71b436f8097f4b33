namespace WxPayScore.Server.Orders;

/// <summary>A fee line of a plan: name and billing rule.</summary>
public sealed record PlanFeeView(string Name, string? Description);
