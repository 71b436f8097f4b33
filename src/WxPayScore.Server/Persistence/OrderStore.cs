using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Units of work on the database, with the locking each provider needs:
/// <list type="bullet">
/// <item>a per-order lock inside the process (striped semaphores) so that two requests about one order queue up;</item>
/// <item>PostgreSQL: <c>SELECT … FOR UPDATE</c> on the order row, so that several instances serialise on it too;</item>
/// <item>SQLite: one writer at a time inside the process (SQLite allows one writer anyway; queueing in memory avoids
/// its busy-retry sleeps), transactions are <c>BEGIN IMMEDIATE</c>.</item>
/// </list>
/// A unit of work commits before it returns: callers answer only after that.
/// <para>
/// Besides EF Core units of work, <see cref="WriteRawAsync{T}"/> runs hand-written statements (the order create, the
/// server's hot path): on SQLite on the store's own long-lived writer connection, under the same single-writer queue,
/// with its statements prepared once and kept; on PostgreSQL on a pooled connection.
/// </para>
/// </summary>
public sealed class OrderStore : IAsyncDisposable
{
    private const int StripeCount = 64;
    private readonly IDbContextFactory<PayScoreDbContext> factory;
    private readonly SemaphoreSlim? writeGate;
    private readonly SemaphoreSlim[] stripes;
    private readonly Dictionary<string, DbCommand> prepared = new(StringComparer.Ordinal);
    private SqliteConnection? writer;
    private RowStatements? rowStatements;
    private bool disposed;

    public OrderStore(IDbContextFactory<PayScoreDbContext> factory, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        this.factory = factory;
        IsPostgres = storage.Value.IsPostgres;
        writeGate = IsPostgres ? null : new SemaphoreSlim(1, 1);
        stripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    }

    public bool IsPostgres { get; }

    /// <summary>The hand-written statements of the raw paths, generated from the model on first use (the model is fixed for the process).</summary>
    internal RowStatements Statements => rowStatements ??= CreateRowStatements();

    /// <summary>A read-only context (no tracking); dispose it.</summary>
    public async Task<PayScoreDbContext> ReadAsync(CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction and commits (SaveChanges included).</summary>
    public async Task<T> WriteAsync<T>(Func<PayScoreDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);

        // The connection is opened (pooled, per-connection pragmas run) before queueing for the single SQLite writer,
        // so that the queue holds only the transaction itself.
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (writeGate is not null)
        {
            await writeGate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            writeGate?.Release();
        }
    }

    /// <summary>
    /// Runs hand-written statements (<see cref="RawTransaction"/>) in one transaction and commits. SQLite: on the store's
    /// writer connection, queued behind the single writer like <see cref="WriteAsync{T}"/>; PostgreSQL: on a pooled
    /// connection (take row locks with <c>FOR UPDATE</c> where needed).
    /// </summary>
    public async Task<T> WriteRawAsync<T>(Func<RawTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (writeGate is null)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var raw = new RawTransaction(db.Database.GetDbConnection(), transaction.GetDbTransaction(), null);
            var result = await work(raw, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }

        await writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = await OpenWriterAsync(cancellationToken);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
                await using var raw = new RawTransaction(connection, transaction, prepared);
                var result = await work(raw, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // Whatever state the connection is in after a database error, the next unit of work starts on a fresh one.
                await CloseWriterAsync();
                throw;
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    public Task WriteAsync(Func<PayScoreDbContext, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(async (db, ct) =>
        {
            await work(db, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on one order under its lock (in-process stripe, and a row lock on PostgreSQL), in a
    /// transaction that commits before this returns. The order is null when it does not exist.
    /// </summary>
    public async Task<T> WriteOrderAsync<T>(string subMchId, string outOrderNo,
        Func<PayScoreDbContext, OrderRecord?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var stripe = stripes[(int)((uint)HashCode.Combine(subMchId, outOrderNo) % StripeCount)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await WriteAsync(async (db, ct) =>
            {
                var order = await LockOrderAsync(db, subMchId, outOrderNo, ct);
                return await work(db, order, ct);
            }, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    public Task WriteOrderAsync(string subMchId, string outOrderNo,
        Func<PayScoreDbContext, OrderRecord?, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        WriteOrderAsync(subMchId, outOrderNo, async (db, order, ct) =>
        {
            await work(db, order, ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteOrderAsync{T}"/> with hand-written statements (<see cref="OrderRows"/>) instead of EF Core:
    /// under the order's lock (in-process stripe; <c>FOR UPDATE</c> on PostgreSQL), in one transaction that commits
    /// before this returns. The order is null when it does not exist.
    /// </summary>
    public Task<T> WriteOrderRawAsync<T>(string subMchId, string outOrderNo,
        Func<OrderRows, OrderRecord?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var sql = Statements;
        return LockedAsync(subMchId, outOrderNo, () => WriteRawAsync(async (tx, ct) =>
        {
            var rows = new OrderRows(tx, sql);
            var order = await rows.LoadAsync(subMchId, outOrderNo, forUpdate: IsPostgres, ct);
            return await work(rows, order, ct);
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> under the in-process lock of one order (no transaction: <paramref name="work"/> opens its own).</summary>
    public async Task<T> LockedAsync<T>(string subMchId, string outOrderNo, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var stripe = stripes[(int)((uint)HashCode.Combine(subMchId, outOrderNo) % StripeCount)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Loads an order for update (row-locked on PostgreSQL until the transaction ends).</summary>
    public async Task<OrderRecord?> LockOrderAsync(PayScoreDbContext db, string subMchId, string outOrderNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (IsPostgres)
        {
            var rows = await db.Orders
                .FromSqlInterpolated($"SELECT * FROM orders WHERE sub_mch_id = {subMchId} AND out_order_no = {outOrderNo} FOR UPDATE")
                .ToListAsync(cancellationToken);
            return rows.FirstOrDefault();
        }

        return await db.Orders.FirstOrDefaultAsync(o => o.SubMchId == subMchId && o.OutOrderNo == outOrderNo, cancellationToken);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due orders for this instance: sets a lease so that no other instance takes
    /// them. PostgreSQL uses <c>FOR UPDATE SKIP LOCKED</c>; SQLite's single statement is atomic under its one writer.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClaimDueOrdersAsync(string owner, long now, long leaseUntil, int limit, CancellationToken cancellationToken)
    {
        var sql = IsPostgres
            ? """
              UPDATE orders SET lease_owner = @owner, lease_until = @until
              WHERE id IN (SELECT id FROM orders
                           WHERE next_reconcile_at IS NOT NULL AND next_reconcile_at <= @now
                             AND (lease_until IS NULL OR lease_until < @now)
                           ORDER BY next_reconcile_at LIMIT @limit
                           FOR UPDATE SKIP LOCKED)
              RETURNING id
              """
            : """
              UPDATE orders SET lease_owner = @owner, lease_until = @until
              WHERE id IN (SELECT id FROM orders
                           WHERE next_reconcile_at IS NOT NULL AND next_reconcile_at <= @now
                             AND (lease_until IS NULL OR lease_until < @now)
                           ORDER BY next_reconcile_at LIMIT @limit)
              RETURNING id
              """;
        return await WriteAsync(async (db, ct) =>
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            AddParameter(command, "@owner", owner);
            AddParameter(command, "@until", leaseUntil);
            AddParameter(command, "@now", now);
            AddParameter(command, "@limit", limit);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }

            return (IReadOnlyList<long>)ids;
        }, cancellationToken);
    }

    /// <summary>True when the save failed on a unique index (a concurrent or repeated insert of the same key).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException { SqlState: "23505" }:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }:
                    return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (writeGate is null)
        {
            return;
        }

        await writeGate.WaitAsync();
        try
        {
            disposed = true;
            await CloseWriterAsync();
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The SQLite writer connection (opened on first use, with the same pragmas as every EF Core connection); call under the write gate.</summary>
    private RowStatements CreateRowStatements()
    {
        using var db = factory.CreateDbContext();
        return new RowStatements(db.Model);
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (writer is not null)
        {
            return writer;
        }

        string connectionString;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The SQLite storage has no connection string.");
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = SqlitePragmaInterceptor.Pragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return writer = connection;
    }

    private async Task CloseWriterAsync()
    {
        foreach (var command in prepared.Values)
        {
            await command.DisposeAsync();
        }

        prepared.Clear();
        if (writer is not null)
        {
            await writer.DisposeAsync();
            writer = null;
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
