namespace WxPayScore.Server.Orders.Devices;

/// <summary>PUT /admin/api/devices/{deviceId} (and one line of an import, with <see cref="DeviceId"/>).</summary>
/// <param name="SubMerchant">The sub-merchant key (<c>PayScore:SubMerchants:{key}</c>).</param>
/// <param name="Location">Where the device stands (1 to 50 characters; sent as <c>location.start_location</c>).</param>
/// <param name="Plans">The plan ids on sale there; empty or absent = all of the sub-merchant's plans.</param>
/// <param name="Enabled">Whether orders may start there (default true).</param>
/// <param name="DeviceId">Only in an import line: the device id.</param>
public sealed record DeviceInput(string? SubMerchant, string? Location, IReadOnlyList<string>? Plans, bool? Enabled, string? DeviceId = null);
