namespace WxPayScore.Server.MiniProgramApi;

/// <summary>
/// POST /api/orders: the plan to use (never an amount) and the device the user scanned (<c>deviceId</c>: the order is
/// for that device's sub-merchant). Without a device, <c>subMerchant</c> may name the sub-merchant among those that
/// accept orders without one.
/// </summary>
public sealed record CreateOrderRequest(string? PlanId, string? DeviceId = null, string? SubMerchant = null);
