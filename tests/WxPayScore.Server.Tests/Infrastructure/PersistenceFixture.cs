namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>One storage, one sandbox and one server (reconciler off: tests run it explicitly) shared by a test class.</summary>
public sealed class PersistenceFixture<TStorage> : IAsyncLifetime
    where TStorage : TestStorage, new()
{
    public TStorage Storage { get; } = new();

    public SandboxFixture Sandbox { get; } = new();

    public ServerHost Server { get; private set; } = null!;

    /// <summary>False for PostgreSQL without <c>WXPAYSCORE_TEST_POSTGRES</c> (the tests are then reported as skipped).</summary>
    public bool Available { get; private set; }

    public async Task InitializeAsync()
    {
        if (Storage is PostgresTestStorage && PostgresTestStorage.AdminConnectionString is null)
        {
            return;
        }

        await Storage.InitializeAsync();
        await Sandbox.InitializeAsync();
        Server = await ServerHost.StartAsync(Sandbox.Host, Storage);
        Available = true;
    }

    public async Task DisposeAsync()
    {
        if (!Available)
        {
            return;
        }

        await Server.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
