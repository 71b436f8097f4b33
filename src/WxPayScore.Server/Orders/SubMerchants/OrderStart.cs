using WxPayScore.Server.Orders;

namespace WxPayScore.Server.Orders.SubMerchants;

/// <summary>Where a new order goes (resolved by <see cref="OrderStartResolver"/>): sub-merchant, plan, mini program and device.</summary>
/// <param name="SubMerchant">The sub-merchant the order is for.</param>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Plan">The plan.</param>
/// <param name="SubAppId">The <c>sub_appid</c> to send (the user came from the sub-merchant's own mini program), else null.</param>
/// <param name="DeviceId">The device the user scanned (<c>device.start_device_id</c>), if any.</param>
/// <param name="Location">The device's location (<c>location.start_location</c>), if any.</param>
public sealed record OrderStart(SubMerchant SubMerchant, string PlanId, PlanOptions Plan, string? SubAppId, string? DeviceId, string? Location);
