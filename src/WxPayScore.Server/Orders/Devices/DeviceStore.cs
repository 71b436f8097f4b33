using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Orders.Devices;

/// <summary>The <c>devices</c> table (EF Core, both providers): lookups, pages, and writes each in one transaction.</summary>
public sealed class DeviceStore(IDbContextFactory<PayScoreDbContext> factory)
{
    public async Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.DeviceId == deviceId, cancellationToken);
    }

    public async Task<(int Total, IReadOnlyList<DeviceRecord> Items)> ListAsync(string? subMerchant, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Devices.AsNoTracking();
        if (!string.IsNullOrEmpty(subMerchant))
        {
            query = query.Where(d => d.SubMerchant == subMerchant);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.DeviceId).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return (total, items);
    }

    /// <summary>
    /// Stores the devices (inserted, or updated keeping their creation time) in one transaction: all or nothing.
    /// With <paramref name="onlyNew"/> existing devices are left as they are (the configuration's seed).
    /// </summary>
    public async Task<(int Created, int Updated)> UpsertAsync(IReadOnlyList<DeviceRecord> devices, long now, bool onlyNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = devices.Select(d => d.DeviceId).ToArray();
            var existing = await db.Devices.Where(d => ids.Contains(d.DeviceId)).ToDictionaryAsync(d => d.DeviceId, StringComparer.Ordinal, cancellationToken);
            int created = 0, updated = 0;
            foreach (var device in devices)
            {
                if (existing.TryGetValue(device.DeviceId, out var stored))
                {
                    if (onlyNew)
                    {
                        continue;
                    }

                    stored.SubMerchant = device.SubMerchant;
                    stored.Location = device.Location;
                    stored.Plans = device.Plans;
                    stored.Enabled = device.Enabled;
                    stored.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    device.CreatedAt = now;
                    device.UpdatedAt = now;
                    db.Devices.Add(device);
                    existing[device.DeviceId] = device;
                    created++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (created, updated);
        });
    }

    public async Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.Where(d => d.DeviceId == deviceId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
