using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Devices;

/// <summary>
/// Admin complete with <c>endDeviceId</c> (returned at another station): the device is checked before anything is sent
/// (same sub-merchant, known), becomes <c>device.end_device_id</c> and <c>location.end_location</c>, and is stored on the
/// order once WeChat accepted the completion.
/// </summary>
public sealed class EndDevices(DeviceStore devices, IDbContextFactory<PayScoreDbContext> factory)
{
    /// <summary>The device and location fields of the completion; (null, null) without an end device.</summary>
    public async Task<(Device? Device, Location? Location)> ResolveAsync(OrderRecord order, ServiceOrder current, string? endDeviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrEmpty(endDeviceId))
        {
            return (null, null);
        }

        if (!DeviceRules.IsValidId(endDeviceId))
        {
            throw new ApiProblemException(400, "Invalid endDeviceId", DeviceRules.IdRule + ".", ProblemTypes.Validation).With("field", "endDeviceId");
        }

        var device = await devices.FindAsync(endDeviceId, cancellationToken)
            ?? throw new ApiProblemException(400, "Unknown end device", $"There is no device '{endDeviceId}'.", ProblemTypes.UnknownDevice).With("field", "endDeviceId");
        if (order.SubMerchantKey is not null && device.SubMerchant != order.SubMerchantKey)
        {
            throw new ApiProblemException(400, "End device of another sub-merchant",
                $"Device '{endDeviceId}' belongs to {device.SubMerchant}; order {order.OutOrderNo} is {order.SubMerchantKey}'s.", ProblemTypes.Validation)
                .With("field", "endDeviceId");
        }

        // end_location is only allowed next to start_location (spec §2.1).
        var startLocation = order.StartLocation ?? current.Location?.StartLocation;
        var location = startLocation is null ? null : new Location { StartLocation = startLocation, EndLocation = device.Location };
        return (new Device { StartDeviceId = order.DeviceId, EndDeviceId = device.DeviceId }, location);
    }

    /// <summary>Stores the end device on the order (bumping its version, so a writer holding an older copy re-reads it).</summary>
    public async Task RecordAsync(long orderId, string endDeviceId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Orders.Where(o => o.Id == orderId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.EndDeviceId, endDeviceId).SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
    }
}
