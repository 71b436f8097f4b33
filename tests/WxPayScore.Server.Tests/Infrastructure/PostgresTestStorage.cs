using Npgsql;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test class on the server named by <c>WXPAYSCORE_TEST_POSTGRES</c> (a connection
/// string to a database the user may create databases from); dropped afterwards. Tests needing it are reported as
/// skipped, with the reason, when the variable is not set (see <see cref="RequiresPostgresAttribute"/>).
/// </summary>
public sealed class PostgresTestStorage : TestStorage
{
    public const string Variable = "WXPAYSCORE_TEST_POSTGRES";
    private string? database;

    public override string Provider => "Postgres";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public override async Task InitializeAsync()
    {
        if (AdminConnectionString is not { } admin)
        {
            return;
        }

        database = "wxps_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (AdminConnectionString is not { } admin || database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
