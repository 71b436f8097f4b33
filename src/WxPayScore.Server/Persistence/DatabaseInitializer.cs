using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Brings the schema up to date at start-up on both providers: EF Core migrations (each provider has its own, see
/// <c>Persistence/Migrations</c>), applied under a database-wide lock so that several instances starting at once
/// apply each migration once (PostgreSQL: a session advisory lock; SQLite: EF Core's migration lock).
/// SQLite: creates the data folder and turns on WAL.
/// <para>
/// A database made by the first release (schema by <c>EnsureCreated</c>, no migration history) is recognised — it has
/// the tables but no <c>__EFMigrationsHistory</c> — and recorded as being at the first migration, then upgraded.
/// </para>
/// </summary>
public sealed class DatabaseInitializer
{
    // pg_advisory_lock key of the schema (any constant; "WXPS" in ASCII).
    private const long SchemaLockKey = 0x57585053;
    private readonly IDbContextFactory<PayScoreDbContext> factory;
    private readonly StorageOptions storage;
    private readonly ILogger<DatabaseInitializer> logger;

    public DatabaseInitializer(IDbContextFactory<PayScoreDbContext> factory, IOptions<StorageOptions> storage, ILogger<DatabaseInitializer> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        this.factory = factory;
        this.storage = storage.Value;
        this.logger = logger;
    }

    /// <summary>Migrates to the latest migration; returns the migrations it applied (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> InitializeAsync(CancellationToken cancellationToken) =>
        await InitializeAsync(targetMigration: null, cancellationToken);

    /// <summary>Migrates to <paramref name="targetMigration"/> (null: the latest). Tests use it to build an older schema.</summary>
    internal async Task<IReadOnlyList<string>> InitializeAsync(string? targetMigration, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!storage.IsPostgres)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            if (storage.IsPostgres)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await BaselineFirstReleaseAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Storage: applying migrations {Migrations}", string.Join(", ", pending));
                await db.GetService<IMigrator>().MigrateAsync(targetMigration, cancellationToken);
            }

            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            logger.LogInformation("Storage: {Provider} database {Database}, schema at {Migration}",
                storage.IsPostgres ? "PostgreSQL" : "SQLite (WAL)", DatabaseName(db), applied.LastOrDefault() ?? "(none)");
            return pending.Where(applied.Contains).ToList();
        }
        finally
        {
            if (storage.IsPostgres)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task BaselineFirstReleaseAsync(PayScoreDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var history = db.GetService<IHistoryRepository>();
        // Looked up in the catalogue: Npgsql's IHistoryRepository.Exists answers true when only the database exists.
        if (await TableExistsAsync(connection, HistoryRepository.DefaultTableName, cancellationToken) || !await TableExistsAsync(connection, "orders", cancellationToken))
        {
            return;
        }

        var first = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();
        logger.LogWarning("Storage: the database has the first release's schema but no migration history; recording it as {Migration}", first);
        await ExecuteAsync(connection, history.GetCreateIfNotExistsScript(), cancellationToken);
        await ExecuteAsync(connection, history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), cancellationToken);
    }

    private async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = storage.IsPostgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string DatabaseName(PayScoreDbContext db) => storage.IsPostgres
        ? db.Database.GetDbConnection().Database
        : Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
}
