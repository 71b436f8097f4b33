using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WxPayScore.Server.Persistence;

/// <summary>How the named transactions of <see cref="OrderWrites"/> reach the database, and the locking each provider needs.</summary>
public sealed partial class OrderWrites
{
    private const int StripeCount = 64;

    // Per instance: a compiled query serves one model, and a process may hold servers on both providers (the tests do).
    private readonly Func<PayScoreDbContext, string, string, CancellationToken, Task<OrderRecord?>> trackedOrderByKey =
        EF.CompileAsyncQuery((PayScoreDbContext db, string subMchId, string outOrderNo, CancellationToken _) =>
            db.Orders.AsTracking().FirstOrDefault(o => o.SubMchId == subMchId && o.OutOrderNo == outOrderNo));

    private readonly IDbContextFactory<PayScoreDbContext> factory;
    private readonly WriteGate? gate;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly JournalBatch? journalBatch;
    private PayScoreDbContext? writer;
    private bool disposed;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, saves the tracked changes and commits before returning.
    /// SQLite: under the write gate, on the store's one long-lived writer context (one physical connection, its pragmas
    /// set once, its statements prepared once); PostgreSQL: on a pooled context.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<PayScoreDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            await using var pooled = await factory.CreateDbContextAsync(cancellationToken);
            pooled.Database.AutoSavepointsEnabled = false; // the transaction is ours: no savepoint around each SaveChanges
            await using var transaction = await pooled.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(pooled, cancellationToken);
            await pooled.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }

        await gate.WaitAsync();
        PayScoreDbContext? db = null;
        try
        {
            db = OpenWriter();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
            var result = await work(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (db is not null)
            {
                db.ChangeTracker.Clear();
                if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
                {
                    // Whatever broke the connection, the next transaction starts on a fresh one.
                    CloseWriter();
                }
            }

            gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on one order under its lock (an in-process stripe; <c>FOR UPDATE</c> on PostgreSQL;
    /// SQLite's single writer), in one transaction. The order is tracked (changes are saved), null when it does not exist.
    /// </summary>
    private async Task<T> ForOrderAsync<T>(string subMchId, string outOrderNo, Func<PayScoreDbContext, OrderRecord?, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var stripe = stripes[(int)((uint)HashCode.Combine(subMchId, outOrderNo) % StripeCount)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await InTransactionAsync(async (db, ct) => await work(db, await LockOrderAsync(db, subMchId, outOrderNo, ct), ct), cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// Like <see cref="InTransactionAsync{T}"/> for the hot transactions' literal SQL (<see cref="OrderSql"/>): on the
    /// same connection (SQLite: the writer, under the write gate; PostgreSQL: a pooled one), in one transaction.
    /// </summary>
    private async Task<T> SqlTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            await using var pooled = await factory.CreateDbContextAsync(cancellationToken);
            await pooled.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = pooled.Database.GetDbConnection();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                await pooled.Database.CloseConnectionAsync();
            }
        }

        await gate.WaitAsync();
        DbConnection? writerConnection = null;
        try
        {
            writerConnection = OpenWriter().Database.GetDbConnection();
            await using var transaction = await writerConnection.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
            var result = await work(writerConnection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (writerConnection is not null && writerConnection.State != System.Data.ConnectionState.Open)
            {
                CloseWriter();
            }

            gate.Release();
        }
    }

    /// <summary><see cref="ForOrderAsync{T}"/> for literal SQL: the order loaded (<c>FOR UPDATE</c> on PostgreSQL) under its lock.</summary>
    private async Task<T> ForOrderSqlAsync<T>(string subMchId, string outOrderNo, Func<DbConnection, DbTransaction, OrderRecord?, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var stripe = stripes[(int)((uint)HashCode.Combine(subMchId, outOrderNo) % StripeCount)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await SqlTransactionAsync(async (connection, transaction) =>
                await work(connection, transaction, await OrderSql.LoadOrderAsync(connection, transaction, subMchId, outOrderNo, IsPostgres)), cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Stores an order loaded under its lock (so its version cannot have moved).</summary>
    private static async Task SaveLockedOrderAsync(DbConnection connection, DbTransaction transaction, OrderRecord order)
    {
        if (!await OrderSql.TryUpdateOrderAsync(connection, transaction, order))
        {
            throw new DbUpdateConcurrencyException($"Order {order.OutOrderNo} changed under its lock.");
        }
    }

    private async Task<OrderRecord?> LockOrderAsync(PayScoreDbContext db, string subMchId, string outOrderNo, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            return await trackedOrderByKey(db, subMchId, outOrderNo, cancellationToken);
        }

        var rows = await db.Orders
            .FromSqlInterpolated($"SELECT * FROM orders WHERE sub_mch_id = {subMchId} AND out_order_no = {outOrderNo} FOR UPDATE")
            .AsTracking()
            .ToListAsync(cancellationToken);
        return rows.FirstOrDefault();
    }

    private PayScoreDbContext OpenWriter()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (writer is not null)
        {
            return writer;
        }

        string connectionString;
        using (var probe = factory.CreateDbContext())
        {
            connectionString = probe.Database.GetConnectionString() ?? throw new InvalidOperationException("The SQLite storage has no connection string.");
        }

        // Its own physical connection (not from the pool), opened once and kept: the pragmas run once, here.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            SqlitePragmaInterceptor.Apply(connection);
            var options = new DbContextOptionsBuilder<SqlitePayScoreDbContext>().UseSqlite(connection).Options;
            writer = new SqlitePayScoreDbContext(options);
            writer.Database.AutoSavepointsEnabled = false; // the transaction is ours: no savepoint around each SaveChanges
            return writer;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CloseWriter()
    {
        if (writer is null)
        {
            return;
        }

        var connection = writer.Database.GetDbConnection();
        OrderSql.Forget(connection);
        writer.Dispose();
        connection.Dispose();
        writer = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (journalBatch is not null)
        {
            await journalBatch.DrainAsync();
        }

        if (gate is null)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            disposed = true;
            CloseWriter();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// SQLite's group commit of the journal: rows (new calls, outcomes) queued while the writer is busy are written
    /// together, in one transaction that queues for the writer like any other (first come, first served). Each caller
    /// still waits for its row's commit.
    /// </summary>
    private sealed class JournalBatch(OrderWrites store)
    {
        private readonly Lock sync = new();
        private List<(WeChatCallRecord Call, bool IsNew, TaskCompletionSource Done)> pending = [];
        private Task flushing = Task.CompletedTask;
        private bool running;

        public Task WriteAsync(WeChatCallRecord call, bool isNew)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (sync)
            {
                pending.Add((call, isNew, done));
                if (!running)
                {
                    running = true;
                    flushing = Task.Run(FlushAsync);
                }
            }

            return done.Task;
        }

        public Task DrainAsync()
        {
            lock (sync)
            {
                return flushing;
            }
        }

        private async Task FlushAsync()
        {
            while (true)
            {
                List<(WeChatCallRecord Call, bool IsNew, TaskCompletionSource Done)> batch;
                lock (sync)
                {
                    if (pending.Count == 0)
                    {
                        running = false;
                        return;
                    }

                    batch = pending;
                    pending = [];
                }

                try
                {
                    await store.SqlTransactionAsync(async (connection, transaction) =>
                    {
                        foreach (var (call, isNew, _) in batch)
                        {
                            if (isNew)
                            {
                                await OrderSql.InsertCallAsync(connection, transaction, call);
                            }
                            else
                            {
                                await OrderSql.UpdateCallOutcomeAsync(connection, transaction, call);
                            }
                        }

                        return true;
                    }, CancellationToken.None);
                    foreach (var item in batch)
                    {
                        item.Done.SetResult();
                    }
                }
#pragma warning disable CA1031 // the batch's callers get the exception
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    foreach (var item in batch)
                    {
                        item.Done.SetException(ex);
                    }
                }
            }
        }
    }

    /// <summary>Tracks the outcome columns of a journal row (and its order, once known) as modified: one UPDATE by key.</summary>
    private static void MarkOutcome(PayScoreDbContext db, WeChatCallRecord call)
    {
        call.Order = null; // a navigation fixed up by an earlier transaction would attach that order too
        var entry = db.WeChatCalls.Attach(call);
        entry.Property(c => c.Outcome).IsModified = true;
        entry.Property(c => c.HttpStatus).IsModified = true;
        entry.Property(c => c.CompletedAt).IsModified = true;
        entry.Property(c => c.ErrorCode).IsModified = true;
        entry.Property(c => c.ErrorMessage).IsModified = true;
        entry.Property(c => c.RequestId).IsModified = true;
        entry.Property(c => c.OrderId).IsModified = true;
    }
}
