namespace WxPayScore.Server.MiniProgramApi;

/// <summary>POST /api/orders: the plan to use (never an amount).</summary>
public sealed record CreateOrderRequest(string? PlanId);
