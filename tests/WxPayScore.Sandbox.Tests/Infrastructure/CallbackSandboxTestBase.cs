namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A <see cref="SandboxTestBase"/> that also runs a <see cref="CallbackReceiver"/> for every test: a notify_url whose
/// callbacks the merchant's SDK reads.
/// </summary>
public abstract class CallbackSandboxTestBase : SandboxTestBase
{
    /// <param name="configure">Changes the sandbox's options, as for <see cref="SandboxTestBase"/>.</param>
    protected CallbackSandboxTestBase(Action<SandboxOptions>? configure = null)
        : base(configure)
    {
    }

    protected CallbackReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await CallbackReceiver.StartAsync(Merchant.Callbacks);
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }
}
