using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>Creates the schema at start-up (both providers); SQLite: the data folder and WAL mode.</summary>
public sealed class DatabaseInitializer
{
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

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!storage.IsPostgres)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            logger.LogInformation("Storage: SQLite database {Path} (WAL)", Path.GetFullPath(builder.DataSource));
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.EnsureCreatedAsync(cancellationToken);
                break;
            }
            catch (Npgsql.PostgresException ex) when (attempt < 3 && ex.SqlState is "42P07" or "23505" or "42P04")
            {
                // Another instance created the schema at the same moment: look again.
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }

        logger.LogInformation("Storage: PostgreSQL database {Database}", db.Database.GetDbConnection().Database);
    }
}
