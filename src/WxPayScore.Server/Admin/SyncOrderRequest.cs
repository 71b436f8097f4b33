namespace WxPayScore.Server.Admin;

/// <summary>Tell WeChat the user paid another way (<c>Order_Paid</c>); <see cref="PaidTime"/> defaults to now.</summary>
public sealed record SyncOrderRequest(DateTimeOffset? PaidTime);
