using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Persistence;

/// <summary>Registers the storage: the provider's pooled contexts, the writes, the reads and the schema initialiser.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsPostgres)
        {
            // Automatic preparation: the server's statements are few and repeated; each is prepared once per physical connection.
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString);
            if (npgsql.MaxAutoPrepare == 0)
            {
                npgsql.MaxAutoPrepare = 64;
                npgsql.AutoPrepareMinUsages = 2;
            }

            services.AddPooledDbContextFactory<PostgresPayScoreDbContext>(options => options.UseNpgsql(npgsql.ConnectionString));
            services.AddSingleton<IDbContextFactory<PayScoreDbContext>, PayScoreDbContextFactory<PostgresPayScoreDbContext>>();
        }
        else
        {
            var connection = string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? $"Data Source={Path.Combine(dataPath, "wxpayscore.db")};Pooling=True"
                : storage.ConnectionString;
            services.AddPooledDbContextFactory<SqlitePayScoreDbContext>(options => options.UseSqlite(connection).AddInterceptors(new SqlitePragmaInterceptor()));
            services.AddSingleton<IDbContextFactory<PayScoreDbContext>, PayScoreDbContextFactory<SqlitePayScoreDbContext>>();
        }

        services.AddSingleton<OrderWrites>();
        services.AddSingleton<OrderReads>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
