namespace WxPayScore.BrowserTests;

/// <summary>One server process and one browser for the demo-flow tests.</summary>
public sealed class DemoFlowFixture : IAsyncLifetime
{
    public DemoServer Server { get; private set; } = null!;

    public BrowserSession Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await DemoServer.StartAsync();
        Browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}
