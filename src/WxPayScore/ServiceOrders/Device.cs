namespace WxPayScore.ServiceOrders;

/// <summary>Device information (设备信息), required in practice for unattended-device industries.</summary>
public sealed record Device
{
    /// <summary>Device where the service started (<c>start_device_id</c>).</summary>
    public string? StartDeviceId { get; init; }

    /// <summary>Device where the service ended (<c>end_device_id</c>).</summary>
    public string? EndDeviceId { get; init; }

    /// <summary>Material (item) number (<c>materiel_no</c>).</summary>
    public string? MaterielNo { get; init; }
}
