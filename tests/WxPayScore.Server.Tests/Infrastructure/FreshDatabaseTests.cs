using WxPayScore.Sandbox;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>Base of test classes whose every test needs a database of its own (xunit makes a class instance per test); the sandbox is shared by the class.</summary>
public abstract class FreshDatabaseTests<TStorage> : IAsyncLifetime
    where TStorage : TestStorage, new()
{
    private readonly SandboxFixture sandbox;

    protected FreshDatabaseTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    protected TStorage Storage { get; } = new();

    protected SandboxHost Sandbox => sandbox.Host;

    public Task InitializeAsync() =>
        Storage is PostgresTestStorage && PostgresTestStorage.AdminConnectionString is null ? Task.CompletedTask : Storage.InitializeAsync();

    public Task DisposeAsync() => Storage.DisposeAsync();
}
