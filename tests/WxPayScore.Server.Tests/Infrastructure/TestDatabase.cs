using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>Direct access to a test storage's database, outside any server: the provider's context and raw statements.</summary>
public static class TestDatabase
{
    public static PayScoreDbContext CreateContext(TestStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage is PostgresTestStorage
            ? new PostgresPayScoreDbContext(new DbContextOptionsBuilder<PostgresPayScoreDbContext>().UseNpgsql(storage.ConnectionString).Options)
            : new SqlitePayScoreDbContext(new DbContextOptionsBuilder<SqlitePayScoreDbContext>().UseSqlite(storage.ConnectionString).Options);
    }

    public static async Task ExecuteAsync(TestStorage storage, string sql)
    {
        ArgumentNullException.ThrowIfNull(storage);
        await using var connection = storage is PostgresTestStorage
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(storage.ConnectionString)
            : new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
