namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a fresh <see cref="TestSandbox"/> and a <see cref="MerchantClient"/> for it, both
/// disposed after the test.
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    private readonly Action<SandboxOptions>? configure;

    /// <param name="configure">Changes the sandbox's options (after the test merchant is registered), as for <see cref="TestSandbox.StartAsync"/>.</param>
    protected SandboxTestBase(Action<SandboxOptions>? configure = null)
    {
        this.configure = configure;
    }

    protected TestSandbox Sandbox { get; private set; } = null!;

    protected MerchantClient Merchant { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Sandbox = await TestSandbox.StartAsync(configure);
        Merchant = MerchantClient.For(Sandbox.Host);
    }

    public virtual async Task DisposeAsync()
    {
        await Merchant.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
