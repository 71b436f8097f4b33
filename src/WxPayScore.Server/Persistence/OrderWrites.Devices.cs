using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The devices' named transactions (admin PUT, DELETE and import; the configuration's seed). The caller checked every
/// record first: each method is one transaction, all or nothing. On PostgreSQL two writers may insert the same new
/// device at once: the one that loses on the primary key runs its transaction again and finds the device stored.
/// </summary>
public sealed partial class OrderWrites
{
    /// <summary>Stores one device: inserted, or updated keeping its creation time. Returns the stored device and whether it was created.</summary>
    public Task<(DeviceRecord Device, bool Created)> PutDeviceAsync(DeviceRecord device, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return DeviceTransactionAsync(async (db, ct) =>
        {
            var (stored, created, _) = await UpsertDevicesAsync(db, [device], now, onlyNew: false, ct);
            return (stored[0], created == 1);
        }, cancellationToken);
    }

    /// <summary>Deletes a device (orders keep its id); false when there was none.</summary>
    public Task<bool> DeleteDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, ct) => await db.Devices.Where(d => d.DeviceId == deviceId).ExecuteDeleteAsync(ct) > 0, cancellationToken);

    /// <summary>An import: every device inserted or updated (creation times kept) in one transaction, or none. Returns (created, updated).</summary>
    public Task<(int Created, int Updated)> ImportDevicesAsync(IReadOnlyList<DeviceRecord> devices, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return DeviceTransactionAsync(async (db, ct) =>
        {
            var (_, created, updated) = await UpsertDevicesAsync(db, devices, now, onlyNew: false, ct);
            return (created, updated);
        }, cancellationToken);
    }

    /// <summary>The configuration's seed: the devices not stored yet are inserted, the others left as the admin made them. Returns how many were inserted.</summary>
    public Task<int> SeedDevicesAsync(IReadOnlyList<DeviceRecord> devices, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return DeviceTransactionAsync(async (db, ct) => (await UpsertDevicesAsync(db, devices, now, onlyNew: true, ct)).Created, cancellationToken);
    }

    private async Task<T> DeviceTransactionAsync<T>(Func<PayScoreDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await InTransactionAsync(work, cancellationToken);
        }
        catch (DbUpdateException ex) when (IsPostgres && IsUniqueViolation(ex))
        {
            // A concurrent transaction inserted one of these devices first and committed: now it is stored, and updated (or kept).
            return await InTransactionAsync(work, cancellationToken);
        }
    }

    /// <summary>Tracks the inserts and updates of <paramref name="devices"/> (a repeated id: the last one wins); the stored devices in input order.</summary>
    private static async Task<(IReadOnlyList<DeviceRecord> Stored, int Created, int Updated)> UpsertDevicesAsync(PayScoreDbContext db,
        IReadOnlyList<DeviceRecord> devices, long now, bool onlyNew, CancellationToken cancellationToken)
    {
        var ids = devices.Select(d => d.DeviceId).Distinct(StringComparer.Ordinal).ToArray();
        var existing = await db.Devices.AsTracking().Where(d => ids.Contains(d.DeviceId)).ToDictionaryAsync(d => d.DeviceId, StringComparer.Ordinal, cancellationToken);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var stored = new List<DeviceRecord>(devices.Count);
        var updated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (existing.TryGetValue(device.DeviceId, out var current))
            {
                if (!onlyNew)
                {
                    current.SubMerchant = device.SubMerchant;
                    current.Location = device.Location;
                    current.Plans = device.Plans;
                    current.Enabled = device.Enabled;
                    current.UpdatedAt = now;
                    if (!added.Contains(device.DeviceId))
                    {
                        updated.Add(device.DeviceId);
                    }
                }

                stored.Add(current);
                continue;
            }

            var inserted = new DeviceRecord
            {
                DeviceId = device.DeviceId, SubMerchant = device.SubMerchant, Location = device.Location, Plans = device.Plans, Enabled = device.Enabled,
                CreatedAt = now, UpdatedAt = now,
            };
            db.Devices.Add(inserted);
            existing[device.DeviceId] = inserted;
            added.Add(device.DeviceId);
            stored.Add(inserted);
        }

        return (stored, added.Count, updated.Count);
    }
}
