namespace WxPayScore.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a fresh <see cref="StubWeChat"/> and an SDK (<see cref="SdkHost"/>) pointed at it,
/// both disposed after the test.
/// </summary>
public abstract class StubWeChatTestBase : IAsyncLifetime
{
    protected StubWeChat Stub { get; private set; } = null!;

    protected SdkHost Sdk { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Stub = await StubWeChat.StartAsync();
        Sdk = CreateSdk(Stub.BaseUrl);
    }

    public virtual async Task DisposeAsync()
    {
        await Sdk.DisposeAsync();
        await Stub.DisposeAsync();
    }

    /// <summary>The SDK the tests use, against the stub at <paramref name="baseUrl"/>; override to configure it differently.</summary>
    protected virtual SdkHost CreateSdk(Uri baseUrl) => SdkHost.Create(baseUrl);
}
