namespace WxPayScore.Server.Persistence;

/// <summary>Where orders are stored (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (default: a file in the data folder, WAL) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Empty with Sqlite = <c>Data Source={Server:DataPath}/wxpayscore.db</c>; required with Postgres.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(Provider, "Npgsql", StringComparison.OrdinalIgnoreCase);
}
