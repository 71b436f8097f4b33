using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>GET /api/devices/{deviceId}: what the mini program shows after a scan — who, where, which plans.</summary>
public sealed record MiniProgramDeviceView(string DeviceId, string SubMerchant, string SubMerchantName, string Location, IReadOnlyList<PlanView> Plans);
