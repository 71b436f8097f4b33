namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>A sandbox on real Kestrel at 127.0.0.1 (dynamic port) with the test merchant registered and a temporary data folder.</summary>
public sealed class TestSandbox : IAsyncDisposable
{
    private readonly bool ownsDataPath;

    private TestSandbox(SandboxHost host, string dataPath, bool ownsDataPath)
    {
        Host = host;
        DataPath = dataPath;
        this.ownsDataPath = ownsDataPath;
    }

    public SandboxHost Host { get; }

    public SandboxControl Control => Host.Control;

    public string DataPath { get; }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "wxpayscore-sandbox-tests", Guid.NewGuid().ToString("N"));

    public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? wallClock = null, string? dataPath = null)
    {
        var path = dataPath ?? NewDataPath();
        var options = new SandboxOptions { Urls = "http://127.0.0.1:0", DataPath = path };
        TestMerchant.Register(options);
        configure?.Invoke(options);
        try
        {
            var host = await SandboxHost.StartAsync(options, wallClock);
            return new TestSandbox(host, path, dataPath is null);
        }
        catch when (dataPath is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (ownsDataPath)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
