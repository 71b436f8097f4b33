using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WxPayScore.Server.Persistence;

/// <summary>Per-connection SQLite settings: WAL makes <c>synchronous=NORMAL</c> durable enough and much faster; a busy timeout for other processes.</summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
