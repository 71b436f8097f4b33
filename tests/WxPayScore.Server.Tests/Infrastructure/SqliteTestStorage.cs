using WxPayScore.Tests.Shared;
namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A real SQLite file in a temporary folder (WAL mode, like the server's default).</summary>
public sealed class SqliteTestStorage : TestStorage
{
    public override string Provider => "Sqlite";

    public string Folder { get; } = TempFolders.Create("sqlite");

    public override Task InitializeAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(Folder, "orders.db")};Pooling=True";
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
