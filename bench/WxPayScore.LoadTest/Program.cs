using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WxPayScore.LoadTest;

// Load tool of the merchant server (issue "Speed"): N simulated users log in, then create orders (and query them, and
// optionally confirm them through the sandbox control API) against a running server + sandbox on 127.0.0.1.
// Prints orders/s and latency percentiles, and the bare RSA sign+verify cost measured in the same run.
if (args is ["soak", ..])
{
    var soak = WxPayScore.LoadTest.Soak.SoakOptions.Parse(args[1..]);
    if (soak is null)
    {
        Console.WriteLine(WxPayScore.LoadTest.Soak.SoakOptions.Usage);
        return 2;
    }

    return await WxPayScore.LoadTest.Soak.SoakRun.RunAsync(soak);
}

var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(LoadOptions.Usage);
    return 2;
}

if (!options.Server.IsLoopback || (options.Sandbox is { } s && !s.IsLoopback))
{
    Console.Error.WriteLine("This tool only targets servers on this machine (127.0.0.1 / localhost).");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromSeconds(30),
};

// Where the sandbox is and which mini program it plays: from the server's demo config (embedded mode), or the arguments.
var appId = options.AppId;
var sandbox = options.Sandbox;
if (appId is null || sandbox is null)
{
    var config = await http.GetFromJsonAsync<JsonElement>(new Uri(options.Server, "api/demo/config"));
    appId ??= config.GetProperty("appId").GetString();
    sandbox ??= new Uri(new Uri(config.GetProperty("confirmPageUrl").GetString()!), "/");
}

Console.WriteLine($"server {options.Server}  sandbox {sandbox}  users {options.Users}  duration {options.Duration.TotalSeconds:0}s (+{options.Warmup.TotalSeconds:0}s warm-up)  mode {options.Mode}{(options.Confirm ? "+confirm" : string.Empty)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformationText()}");

var users = await Task.WhenAll(Enumerable.Range(0, options.Users).Select(i => SimulatedUser.LoginAsync(http, options.Server, sandbox!, appId!, $"load-{i}-{Guid.NewGuid():N}"[..20])));
Console.WriteLine($"{users.Length} users logged in");

var recorder = new Recorder();
using var stop = new CancellationTokenSource();
var warmupEnd = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
var end = warmupEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
var workers = users.Select(user => Task.Run(async () =>
{
    while (Stopwatch.GetTimestamp() < end)
    {
        var measuring = Stopwatch.GetTimestamp() >= warmupEnd;
        await user.RunOnceAsync(options, measuring ? recorder : null);
    }
})).ToArray();
await Task.WhenAll(workers);

var seconds = options.Duration.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"orders completed   {recorder.Orders,8}   {recorder.Orders / seconds,8:0.0} orders/s   ({recorder.Errors} errors)");
Console.WriteLine($"creates            {recorder.Create.Count,8}   {recorder.Create.Count / seconds,8:0.0} creates/s");
Print("create latency", recorder.Create);
if (recorder.Query.Count > 0)
{
    Print("query latency", recorder.Query);
}

if (recorder.Confirm.Count > 0)
{
    Print("confirm latency", recorder.Confirm);
}

Print("order latency", recorder.Order);

// The bare crypto cost on this machine, measured now: each create costs the server one RSA-2048 sign (its request)
// and one verify (WeChat's answer); the sandbox, on the same cores, does one verify and one sign too.
var (signPerSecond, verifyPerSecond, pairPerSecond) = CryptoBench.Measure(TimeSpan.FromSeconds(options.CryptoSeconds));
var cores = Environment.ProcessorCount;
var serverBound = pairPerSecond * cores;
var systemBound = serverBound / 2;
var creates = recorder.Create.Count / seconds;
Console.WriteLine();
Console.WriteLine($"RSA-2048 on one core: {signPerSecond:0} signs/s, {verifyPerSecond:0} verifies/s, {pairPerSecond:0} sign+verify pairs/s");
Console.WriteLine($"crypto bound, server alone on {cores} cores (1 sign + 1 verify per create): {serverBound:0} creates/s; achieved {creates:0.0} = {creates / serverBound:P1}");
Console.WriteLine($"crypto bound, server + sandbox sharing {cores} cores (2 signs + 2 verifies per create): {systemBound:0} creates/s; achieved {creates:0.0} = {creates / systemBound:P1}");
if (options.Mode == LoadMode.Flow)
{
    Console.WriteLine($"(flow mode also queries each order: another sign+verify on each side, so the flow bound is half of that: {systemBound / 2:0} orders/s)");
}

return recorder.Errors > recorder.Orders / 100 ? 1 : 0;

static void Print(string name, LatencyLog log)
{
    var (p50, p95, p99, max) = log.Percentiles();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms   p99 {p99,7:0.0} ms   max {max,7:0.0} ms   (n={log.Count})"));
}

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
