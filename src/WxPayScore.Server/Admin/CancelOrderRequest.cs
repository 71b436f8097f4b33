namespace WxPayScore.Server.Admin;

/// <summary>Cancel an order; the reason (at most 50 characters) is shown to the user.</summary>
public sealed record CancelOrderRequest(string? Reason);
