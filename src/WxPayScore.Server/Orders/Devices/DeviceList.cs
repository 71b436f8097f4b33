namespace WxPayScore.Server.Orders.Devices;

/// <summary>A page of devices (GET /admin/api/devices).</summary>
public sealed record DeviceList(int Total, int Limit, int Offset, IReadOnlyList<DeviceView> Items);
