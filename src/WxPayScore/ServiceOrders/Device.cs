namespace WxPayScore.ServiceOrders;

/// <summary>Device information (设备信息), required in practice for unattended-device industries.</summary>
public sealed record Device
{
    public string? StartDeviceId { get; init; }

    public string? EndDeviceId { get; init; }

    public string? MaterielNo { get; init; }
}
