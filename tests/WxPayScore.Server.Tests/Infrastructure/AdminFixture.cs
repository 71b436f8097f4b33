namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A server on SQLite with a sandbox whose deductions fail until the merchant acts (pay or sync), so USER_PAYING lasts.</summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public SqliteTestStorage Storage { get; } = new();

    public FailUntilMerchantSandbox Sandbox { get; } = new();

    public ServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Storage.InitializeAsync();
        await Sandbox.InitializeAsync();
        Server = await ServerHost.StartAsync(Sandbox.Host, Storage);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
