namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A database for one test class: provider name and connection string (SQLite file or PostgreSQL database).</summary>
public abstract class TestStorage : IAsyncLifetime
{
    public abstract string Provider { get; }

    public string ConnectionString { get; protected set; } = string.Empty;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}
