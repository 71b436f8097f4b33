using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Per-connection SQLite settings: WAL makes <c>synchronous=NORMAL</c> durable enough and much faster; a busy timeout
/// for other processes; foreign keys. Set once per physical connection: a pooled connection keeps its native handle
/// (and its settings) from one open to the next, so later opens of the same handle skip them.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            Apply(sqlite);
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Sets the pragmas on <paramref name="connection"/>'s physical connection unless they are set already.</summary>
    internal static void Apply(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        if (Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        Configured.AddOrUpdate(handle, handle);
    }
}
