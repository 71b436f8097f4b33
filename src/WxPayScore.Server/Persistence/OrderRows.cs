namespace WxPayScore.Server.Persistence;

/// <summary>
/// One order's rows inside a transaction of <see cref="OrderStore.WriteOrderRawAsync{T}"/>: hand-written statements
/// (generated from the model, every mapped column) for the callback path — the idempotency marker, the order, its
/// history and the notification log — without EF Core's change tracking.
/// </summary>
public sealed class OrderRows
{
    private readonly RawTransaction tx;
    private readonly RowStatements sql;

    internal OrderRows(RawTransaction tx, RowStatements sql)
    {
        this.tx = tx;
        this.sql = sql;
    }

    internal async Task<OrderRecord?> LoadAsync(string subMchId, string outOrderNo, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await tx.ReadRowAsync(forUpdate ? sql.SelectOrderForUpdate : sql.SelectOrder, [subMchId, outOrderNo], cancellationToken);
        return row is null ? null : sql.Orders.Materialize<OrderRecord>(row);
    }

    public async Task<bool> IsProcessedAsync(string notificationId, CancellationToken cancellationToken) =>
        await tx.ReadRowAsync(sql.SelectProcessed, [notificationId], cancellationToken) is not null;

    /// <summary>Inserts the marker; a unique violation (see <see cref="OrderStore.IsUniqueViolation(Exception)"/>) when it is there already.</summary>
    public Task InsertProcessedAsync(ProcessedNotificationRecord marker, CancellationToken cancellationToken) =>
        tx.ExecuteAsync(sql.InsertProcessed, TableMap.Values(marker, sql.Processed.Insert), cancellationToken);

    /// <summary>Stores every column of the (loaded, locked) order.</summary>
    public async Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await tx.ExecuteAsync(sql.UpdateOrder, TableMap.Values(order, sql.Orders.Insert, extra: order.Id), cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Order {order.OutOrderNo} (id {order.Id}) is missing.");
        }
    }

    public async Task AddEventAsync(OrderEventRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Id = await tx.InsertAsync(sql.InsertEvent, TableMap.Values(entry, sql.Events.Insert), cancellationToken);
    }

    public async Task AddNotificationAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Id = await tx.InsertAsync(sql.InsertNotification, TableMap.Values(record, sql.Notifications.Insert), cancellationToken);
    }
}
