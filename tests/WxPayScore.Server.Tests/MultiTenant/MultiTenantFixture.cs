using WxPayScore.Sandbox;
using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>
/// One storage, sandbox and server per test class, set up by <see cref="MultiTenantSetup"/>: a provider serving two sub-merchants from one server: <c>mall</c> (served from the provider's mini program A) and
/// <c>metro</c> (its own mini program B, sent as <c>sub_appid</c>), with devices; the sandbox configured to match.
/// </summary>
public sealed class MultiTenantFixture<TStorage> : IAsyncLifetime
    where TStorage : TestStorage, new()
{
    public TStorage Storage { get; } = new();

    public SandboxHost Sandbox { get; private set; } = null!;

    public ServerHost Server { get; private set; } = null!;

    public bool Available { get; private set; }

    public async Task InitializeAsync()
    {
        if (Storage is PostgresTestStorage && PostgresTestStorage.AdminConnectionString is null)
        {
            return;
        }

        await Storage.InitializeAsync();
        Sandbox = await SandboxHost.StartAsync(MultiTenantSetup.SandboxOptions());
        Server = await ServerHost.StartAsync(Sandbox, Storage, MultiTenantSetup.MultiTenant);
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
