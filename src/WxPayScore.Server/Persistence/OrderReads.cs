using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>Reads: the hot lookups as compiled queries on a pooled, non-tracking context, and contexts for the admin's listings.</summary>
public sealed class OrderReads(IDbContextFactory<PayScoreDbContext> factory)
{
    // Per instance: a compiled query serves one model, and a process may hold servers on both providers (the tests do).
    private readonly Func<PayScoreDbContext, string, string, CancellationToken, Task<OrderRecord?>> orderByKey =
        EF.CompileAsyncQuery((PayScoreDbContext db, string subMchId, string outOrderNo, CancellationToken _) =>
            db.Orders.AsNoTracking().FirstOrDefault(o => o.SubMchId == subMchId && o.OutOrderNo == outOrderNo));

    private readonly Func<PayScoreDbContext, string, CancellationToken, Task<OrderRecord?>> orderByNumber =
        EF.CompileAsyncQuery((PayScoreDbContext db, string outOrderNo, CancellationToken _) =>
            db.Orders.AsNoTracking().FirstOrDefault(o => o.OutOrderNo == outOrderNo));

    private readonly Func<PayScoreDbContext, long, CancellationToken, Task<OrderRecord?>> orderById =
        EF.CompileAsyncQuery((PayScoreDbContext db, long id, CancellationToken _) => db.Orders.AsNoTracking().FirstOrDefault(o => o.Id == id));

    private readonly Func<PayScoreDbContext, string, CancellationToken, Task<DeviceRecord?>> deviceById =
        EF.CompileAsyncQuery((PayScoreDbContext db, string deviceId, CancellationToken _) => db.Devices.AsNoTracking().FirstOrDefault(d => d.DeviceId == deviceId));

    /// <summary>A read-only context (no tracking); dispose it.</summary>
    public async Task<PayScoreDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }

    public async Task<OrderRecord?> FindOrderAsync(string subMchId, string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await orderByKey(db, subMchId, outOrderNo, cancellationToken);
    }

    /// <summary>The user's orders not confirmed yet (CREATING or CREATED): the cap of RateLimits:OpenOrdersPerUser.</summary>
    public async Task<int> CountOpenOrdersAsync(string subMchId, string openId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking()
            .CountAsync(o => o.SubMchId == subMchId && o.OwnerOpenId == openId && (o.Phase == OrderPhase.Creating || o.Phase == OrderPhase.Created), cancellationToken);
    }

    /// <summary>The order with this out_order_no (this server's numbers are unique across its sub-merchants).</summary>
    public async Task<OrderRecord?> FindOrderAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await orderByNumber(db, outOrderNo, cancellationToken);
    }

    public async Task<OrderRecord?> FindOrderAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await orderById(db, id, cancellationToken);
    }

    /// <summary>The device with this id (an order's start, an admin completion's end), or null.</summary>
    public async Task<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await deviceById(db, deviceId, cancellationToken);
    }

    /// <summary>A page of devices in id order (of one sub-merchant when <paramref name="subMerchant"/> is given), and how many there are.</summary>
    public async Task<(int Total, IReadOnlyList<DeviceRecord> Items)> ListDevicesAsync(string? subMerchant, int limit, int offset, CancellationToken cancellationToken)
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
}
