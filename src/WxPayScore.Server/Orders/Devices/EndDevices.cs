using WxPayScore.Server.Persistence;
using WxPayScore.Server.Orders;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>
/// Admin complete with <c>endDeviceId</c> (returned at another station): the device is checked before anything is sent
/// (same sub-merchant, known), becomes <c>device.end_device_id</c> and <c>location.end_location</c>, and is stored on the
/// order once WeChat accepted the completion.
/// </summary>
public sealed class EndDevices(OrderReads reads)
{
    /// <summary>The device and location fields of the completion ((null, null) without an end device), or why the device is refused.</summary>
    public async Task<(Device? Device, Location? Location, OrderError? Error)> ResolveAsync(OrderRecord order, ServiceOrder current, string? endDeviceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrEmpty(endDeviceId))
        {
            return (null, null, null);
        }

        if (!DeviceRules.IsValidId(endDeviceId))
        {
            return (null, null, new OrderError(OrderErrorKind.Invalid, "Invalid endDeviceId", DeviceRules.IdRule + ".") { Field = "endDeviceId" });
        }

        var device = await reads.FindDeviceAsync(endDeviceId, cancellationToken);
        if (device is null)
        {
            return (null, null, new OrderError(OrderErrorKind.Invalid, "Unknown end device", $"There is no device '{endDeviceId}'.") { Field = "endDeviceId" });
        }

        if (order.SubMerchantKey is not null && device.SubMerchant != order.SubMerchantKey)
        {
            return (null, null, new OrderError(OrderErrorKind.Invalid, "End device of another sub-merchant",
                $"Device '{endDeviceId}' belongs to {device.SubMerchant}; order {order.OutOrderNo} is {order.SubMerchantKey}'s.") { Field = "endDeviceId" });
        }

        // end_location is only allowed next to start_location (spec §2.1).
        var startLocation = order.StartLocation ?? current.Location?.StartLocation;
        var location = startLocation is null ? null : new Location { StartLocation = startLocation, EndLocation = device.Location };
        return (new Device { StartDeviceId = order.DeviceId, EndDeviceId = device.DeviceId }, location, null);
    }
}
