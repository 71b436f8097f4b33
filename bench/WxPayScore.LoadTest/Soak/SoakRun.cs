using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace WxPayScore.LoadTest.Soak;

/// <summary>The soak: processes, balancer, users, the fault and kill schedule, then the verdict.</summary>
internal static class SoakRun
{
    public static async Task<int> RunAsync(SoakOptions options)
    {
        var root = RepositoryRoot();
        var serverDll = options.ServerDll ?? Path.Combine(root, "src/WxPayScore.Server/bin/Release/net10.0/WxPayScore.Server.dll");
        var sandboxDll = options.SandboxDll ?? Path.Combine(root, "src/WxPayScore.Sandbox/bin/Release/net10.0/WxPayScore.Sandbox.dll");
        foreach (var dll in new[] { serverDll, sandboxDll })
        {
            if (!File.Exists(dll))
            {
                Console.Error.WriteLine($"{dll} is missing: dotnet build -c Release src/WxPayScore.Server (it builds the sandbox too)");
                return 2;
            }
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var work = Path.GetFullPath(options.Work ?? Path.Combine(Path.GetTempPath(), $"wxpayscore-soak-{stamp}-{Environment.ProcessId}"));
        Directory.CreateDirectory(work);
        string? connectionString = null;
        string? database = null;
        if (options.Postgresql)
        {
            database = $"soak_{stamp}_{Environment.ProcessId}";
            connectionString = SetDatabase(options.Postgres!, database);
        }

        if (options.Postgresql)
        {
            await SoakDatabase.CreateAsync(options.Postgres!, database!);
        }

        try
        {
            return await RunAsync(options, serverDll, sandboxDll, work, connectionString, database);
        }
        finally
        {
            if (options.Postgresql)
            {
                await SoakDatabase.DropAsync(options.Postgres!, database!);
            }
        }
    }

    private static async Task<int> RunAsync(SoakOptions options, string serverDll, string sandboxDll, string work, string? connectionString, string? database)
    {
        var random = new Random(options.Seed);
        Console.WriteLine($"soak: {options.Duration.TotalSeconds:0} s, {options.Users} users, {options.Storage} with {options.InstanceCount} instance(s){(database is null ? string.Empty : $" (database {database})")}, " +
            $"fault rate {options.FaultRate} % (on for the second half of every {options.FaultPeriod.TotalSeconds:0} s), " +
            (options.KillEvery > TimeSpan.Zero ? $"kill -9 every ~{options.KillEvery.TotalSeconds:0} s while faults are on" : "no kills") + $", seed {options.Seed}");
        Console.WriteLine($"work folder {work}; machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var sandbox = await SandboxProcess.StartAsync(sandboxDll, work, http);
        var ports = Enumerable.Range(0, options.InstanceCount).Select(_ => ChildProcess.FreePort()).ToArray();
        await using var balancer = await RoundRobinBalancer.StartAsync(ports.Select(p => new Uri($"http://127.0.0.1:{p}/")).ToArray());
        var adminKey = "soak-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var fleet = new ServerFleet(ports, serverDll, work, sandbox, balancer.BaseUrl, adminKey, connectionString);
        var upFlags = new bool[ports.Length];
        fleet.StateChanged += (i, isUp) =>
        {
            Volatile.Write(ref upFlags[i], isUp);
            balancer.SetUp(i, isUp);
        };
        for (var i = 0; i < ports.Length; i++)
        {
            await fleet.StartAsync(i);
        }

        Console.WriteLine($"sandbox {sandbox.BaseUrl}  balancer {balancer.BaseUrl}  servers {string.Join(' ', fleet.Urls)}");
        var faults = new FaultSchedule(http, sandbox.BaseUrl, options.FaultRate);
        await faults.OffAsync();
        Console.WriteLine("faults: " + faults.Describe());

        var stats = new SoakStats();
        var faultWindow = false;
        SoakWindow WindowNow() => upFlags.Any(u => !u) ? SoakWindow.InstanceDown : Volatile.Read(ref faultWindow) ? SoakWindow.Faults : SoakWindow.Clean;
        var book = new ConcurrentQueue<OrderAttempt>();
        using var stop = new CancellationTokenSource();
        var users = Enumerable.Range(0, options.Users)
            .Select(i => new SoakUser(http, balancer.BaseUrl, sandbox.BaseUrl, sandbox.Merchant.AppId, adminKey, $"soak-{i}-{random.Next():x8}", stats, WindowNow, random.Next()))
            .Select(u => Task.Run(() => u.RunAsync(book, stop.Token)))
            .ToArray();

        if (options.Warmup > TimeSpan.Zero)
        {
            await Task.Delay(options.Warmup);
            Console.WriteLine($"warm-up done ({options.Warmup.TotalSeconds:0} s, {book.Count} orders attempted)");
        }

        // The fault windows and the time spent in each kind.
        stats.Measuring = true;
        var start = Stopwatch.GetTimestamp();
        var end = start + Ticks(options.Duration);
        var hits = new Dictionary<string, int>(StringComparer.Ordinal);
        var schedule = Task.Run(async () =>
        {
            var last = start;
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                stats.AddTime(WindowNow(), now - last);
                last = now;
                if (now >= end)
                {
                    break;
                }

                var inPeriod = (now - start) % Ticks(options.FaultPeriod);
                var shouldBeOn = inPeriod >= Ticks(options.FaultPeriod) / 2;
                if (shouldBeOn != Volatile.Read(ref faultWindow))
                {
                    if (shouldBeOn)
                    {
                        await faults.OnAsync();
                    }
                    else
                    {
                        await CountAndClearAsync(faults, hits);
                    }

                    Volatile.Write(ref faultWindow, shouldBeOn);
                }

                await Task.Delay(100);
            }
        });

        var killer = Task.Run(async () =>
        {
            if (options.KillEvery <= TimeSpan.Zero)
            {
                return;
            }

            while (true)
            {
                var wait = options.KillEvery * (0.5 + random.NextDouble());
                var at = Stopwatch.GetTimestamp() + Ticks(wait);
                while (Stopwatch.GetTimestamp() < at || !Volatile.Read(ref faultWindow))
                {
                    if (Stopwatch.GetTimestamp() > end - Ticks(TimeSpan.FromSeconds(2)))
                    {
                        return;
                    }

                    await Task.Delay(100);
                }

                var victim = random.Next(ports.Length);
                var t = Stopwatch.GetTimestamp();
                try
                {
                    await fleet.KillAndRestartAsync(victim);
                    Console.WriteLine($"  {Seconds(t - start),6:0.0} s  kill -9 instance {victim}; answering again after {Seconds(Stopwatch.GetTimestamp() - t):0.0} s");
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                {
                    // Left down; started again after the load (EnsureAllUpAsync). The verdict still holds the orders to account.
                    Console.WriteLine($"  {Seconds(t - start),6:0.0} s  kill -9 instance {victim}; its restart failed: {ex.Message}");
                }
            }
        });

        var progress = Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(30));
                Console.WriteLine($"  {Seconds(Stopwatch.GetTimestamp() - start),6:0.0} s  orders attempted {book.Count}, server requests {stats.Requests}, load average {LoadAverage()}");
            }
        });

        await schedule;
        await killer;
        await stop.CancelAsync();
        await Task.WhenAll(users);
        var loadStopped = Stopwatch.GetTimestamp();
        await CountAndClearAsync(faults, hits);
        Volatile.Write(ref faultWindow, false);
        await fleet.EnsureAllUpAsync();
        await progress;
        Console.WriteLine($"load stopped after {Seconds(loadStopped - start):0.0} s; {book.Count} orders attempted; waiting up to {options.Settle.TotalSeconds:0} s for the reconciler");

        // The verdict: poll until server and WeChat agree (or the settle time is over).
        var verdict = new Verdict(http, balancer.BaseUrl, sandbox.BaseUrl, adminKey);
        Verdict.Result result;
        long? convergedAt = null;
        var settleEnd = loadStopped + Ticks(options.Settle);
        while (true)
        {
            result = await verdict.ComputeAsync(book.ToArray());
            if (result.Diverged == 0 && result.Lost == 0)
            {
                convergedAt = Stopwatch.GetTimestamp();
                break;
            }

            if (Stopwatch.GetTimestamp() > settleEnd)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        // Callbacks still being retried by the sandbox: the double-apply check counts them too, so let them land.
        result = await verdict.ComputeAsync(book.ToArray());
        var lastKill = fleet.Kills.Count > 0 ? fleet.Kills[^1].KilledAt : (long?)null;
        var report = new SoakReport(options, faults, stats, result, hits, fleet.Kills.Count,
            convergedAt is null ? null : Seconds(convergedAt.Value - (lastKill ?? loadStopped)),
            convergedAt is null ? null : Seconds(convergedAt.Value - loadStopped),
            fleet.Kills.Count > 0 ? fleet.Kills.Average(k => Seconds(k.UpAt - k.KilledAt)) : null,
            LoadAverage(), database);
        report.Print(Console.Out);
        File.WriteAllText(Path.Combine(work, "verdict.txt"), report.ToString());
        return report.Passed ? 0 : 1;
    }

    private static async Task CountAndClearAsync(FaultSchedule faults, Dictionary<string, int> hits)
    {
        foreach (var (endpoint, kind, n) in await faults.HitsAsync())
        {
            var key = (endpoint == "notify" ? "callback " : "API ") + kind;
            hits[key] = hits.GetValueOrDefault(key) + n;
        }

        await faults.OffAsync();
    }

    private static long Ticks(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string SetDatabase(string connectionString, string database)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase)).ToList();
        parts.Add("Database=" + database);
        return string.Join(';', parts);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WxPayScore.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
