using WxPayScore.Tests.Shared;

namespace WxPayScore.BrowserTests;

/// <summary>
/// The merchant server as a person starts it — no credentials (embedded sandbox + SQLite) — on free loopback ports and
/// a throw-away data folder, as a separate process.
/// </summary>
public sealed class DemoServer : IAsyncDisposable
{
    public const string AdminApiKey = "browser-test-admin-key";

    private readonly ServerProcess process;

    private DemoServer(ServerProcess process, string dataPath)
    {
        this.process = process;
        DataPath = dataPath;
    }

    public Uri BaseUrl => process.BaseUrl;

    public string DataPath { get; }

    public string Output => process.Output;

    public static async Task<DemoServer> StartAsync()
    {
        var dataPath = Directory.CreateTempSubdirectory("wxpayscore-browser-").FullName;
        var process = await ServerProcess.StartAsync(new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}"), new Dictionary<string, string?>
        {
            ["Server:DataPath"] = dataPath,
            ["Sandbox:Urls"] = $"http://127.0.0.1:{ServerProcess.FreePort()}",
            ["Admin:ApiKey"] = AdminApiKey,
        });
        return new DemoServer(process, dataPath);
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
