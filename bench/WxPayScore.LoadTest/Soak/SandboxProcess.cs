using System.Net.Http.Json;
using System.Text.Json;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// The sandbox as its own process (it outlives the killed servers): in memory, its demo merchant generated into the
/// work folder, the user's payment 3 s after completion (so a modify can come first).
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly ChildProcess child;

    private SandboxProcess(ChildProcess child, Uri baseUrl, DemoMerchant merchant, string publicKeyId, string publicKeyPath)
    {
        this.child = child;
        BaseUrl = baseUrl;
        Merchant = merchant;
        PublicKeyId = publicKeyId;
        PublicKeyPath = publicKeyPath;
    }

    public Uri BaseUrl { get; }

    public DemoMerchant Merchant { get; }

    public string PublicKeyId { get; }

    public string PublicKeyPath { get; }

    public static async Task<SandboxProcess> StartAsync(string dll, string work, HttpClient http)
    {
        var port = ChildProcess.FreePort();
        var data = Path.Combine(work, "sandbox");
        var log = Path.Combine(work, "sandbox.log");
        var child = ChildProcess.Start(dll,
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Sandbox:DataPath=" + data,
            "--Sandbox:Persistence=Memory",
            "--Sandbox:CollectionMode=Delayed",
            "--Sandbox:CollectionDelaySeconds=3",
            "--Sandbox:MaxConcurrentNotifications=32",
            "--Logging:LogLevel:Default=Warning",
        ], Path.GetDirectoryName(dll)!, log);
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        await child.WaitUntilAnswersAsync(http, new Uri(baseUrl, "sandbox/clock"), TimeSpan.FromSeconds(60), log);
        var keys = await http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, "sandbox/keys"));
        var folder = Path.Combine(data, "demo-merchant");
        string Read(string name) => File.ReadAllText(Path.Combine(folder, name)).Trim();
        var merchant = new DemoMerchant("1230000109", Read("serial_no.txt"), Path.Combine(folder, "apiclient_key.pem"), Read("apiv3_key.txt"),
            "1900000109", "2002000000000558128851361561536", "wxd678efh567hg6787", Read("appsecret.txt"));
        return new SandboxProcess(child, baseUrl, merchant, keys.GetProperty("public_key_id").GetString()!, keys.GetProperty("public_key_path").GetString()!);
    }

    public void Dispose() => child.Dispose();
}

/// <summary>The sandbox's generated demo merchant, as the servers are configured with it.</summary>
internal sealed record DemoMerchant(string MchId, string SerialNumber, string PrivateKeyPath, string ApiV3Key, string SubMchId, string ServiceId,
    string AppId, string AppSecret);
