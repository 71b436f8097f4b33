using System.Diagnostics;
using System.Security.Cryptography;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// The server instances of a soak: started in real mode against the sandbox (its demo merchant's files), all on one
/// database; each can be killed with SIGKILL and restarted on the same port and data folder.
/// </summary>
internal sealed class ServerFleet : IDisposable
{
    private readonly string dll;
    private readonly string work;
    private readonly IReadOnlyList<string> common;
    // Generous: on a machine shared with other builds a starting server can take seconds to answer its first request.
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly ChildProcess?[] processes;
    private readonly int[] starts;

    public ServerFleet(IReadOnlyList<int> ports, string dll, string work, SandboxProcess sandbox, Uri balancer, string adminKey, string? connectionString)
    {
        this.dll = dll;
        this.work = work;
        Ports = ports;
        processes = new ChildProcess?[Ports.Count];
        starts = new int[Ports.Count];
        var m = sandbox.Merchant;
        var args = new List<string>
        {
            "--Server:Mode=Real",
            "--WeChatPay:MchId=" + m.MchId,
            "--WeChatPay:MerchantSerialNumber=" + m.SerialNumber,
            "--WeChatPay:PrivateKeyPath=" + m.PrivateKeyPath,
            "--WeChatPay:ApiV3Key=" + m.ApiV3Key,
            "--WeChatPay:PublicKeyId=" + sandbox.PublicKeyId,
            "--WeChatPay:PublicKeyPath=" + sandbox.PublicKeyPath,
            "--WeChatPay:BaseUrl=" + sandbox.BaseUrl.ToString().TrimEnd('/'),
            "--WeChatPay:BackupBaseUrl=",
            "--WeChatPay:AttemptTimeout=00:00:05",
            "--WeChatPay:TotalTimeout=00:00:15",
            "--PayScore:ServiceId=" + m.ServiceId,
            "--PayScore:AppId=" + m.AppId,
            "--PayScore:SubMchId=" + m.SubMchId,
            "--PayScore:NotifyUrl=" + new Uri(balancer, "notify/payscore"),
            "--MiniProgram:AppId=" + m.AppId,
            "--MiniProgram:AppSecret=" + m.AppSecret,
            "--MiniProgram:BaseUrl=" + sandbox.BaseUrl.ToString().TrimEnd('/'),
            "--Admin:ApiKey=" + adminKey,
            "--Sessions:SigningKey=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "--RateLimits:SessionsPerClient=0",
            "--RateLimits:OrderCreatesPerUser=0",
            "--RateLimits:OpenOrdersPerUser=0",
            // A short reconciler: the verdict waits for it.
            "--Reconciler:Interval=00:00:02",
            "--Reconciler:CreatedAge=00:00:20",
            "--Reconciler:PendingCreateGrace=00:00:20",
            "--Reconciler:ActiveInterval=00:00:05",
            "--Reconciler:MaxBackoff=00:00:20",
            "--Reconciler:LeaseDuration=00:00:30",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Polly=Error",
        };
        if (connectionString is not null)
        {
            args.Add("--Storage:Provider=Postgres");
            args.Add("--Storage:ConnectionString=" + connectionString);
        }

        common = args;
    }

    public IReadOnlyList<int> Ports { get; }

    public IReadOnlyList<Uri> Urls => Ports.Select(p => new Uri($"http://127.0.0.1:{p}/")).ToArray();

    /// <summary>Kills so far, with the time each instance was answering again.</summary>
    public List<(int Instance, long KilledAt, long UpAt)> Kills { get; } = [];

    public event Action<int, bool>? StateChanged;

    public async Task StartAsync(int instance)
    {
        starts[instance]++;
        var data = Path.Combine(work, $"server-{instance}");
        Directory.CreateDirectory(data);
        var log = Path.Combine(work, $"server-{instance}.log");
        var args = common.Concat(
        [
            "--urls", $"http://127.0.0.1:{Ports[instance]}",
            "--Server:DataPath=" + data,
            "--Server:InstanceName=soak-" + instance,
        ]);
        File.AppendAllText(log, $"---- start {starts[instance]} at {DateTimeOffset.UtcNow:O}\n");
        var child = ChildProcess.Start(dll, args, Path.GetDirectoryName(dll)!, log,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        processes[instance] = child;
        await child.WaitUntilAnswersAsync(probe, new Uri(Urls[instance], "health/live"), TimeSpan.FromMinutes(10), log);
        StateChanged?.Invoke(instance, true);
    }

    /// <summary>kill -9 of one instance, then its restart; returns when it answers again.</summary>
    public async Task KillAndRestartAsync(int instance)
    {
        var killedAt = Stopwatch.GetTimestamp();
        StateChanged?.Invoke(instance, false);
        processes[instance]?.Kill();
        processes[instance]?.Dispose();
        processes[instance] = null;
        await StartAsync(instance);
        lock (Kills)
        {
            Kills.Add((instance, killedAt, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Instances not running (died on their own) are started again.</summary>
    public async Task EnsureAllUpAsync()
    {
        for (var i = 0; i < processes.Length; i++)
        {
            if (processes[i] is null || processes[i]!.HasExited)
            {
                StateChanged?.Invoke(i, false);
                await StartAsync(i);
            }
        }
    }

    public void Dispose()
    {
        foreach (var p in processes)
        {
            p?.Dispose();
        }

        probe.Dispose();
    }
}
