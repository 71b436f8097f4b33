using System.Globalization;

namespace WxPayScore.LoadTest.Soak;

/// <summary>Command-line options of <c>soak</c>.</summary>
internal sealed record SoakOptions
{
    public const string Usage = """
        WxPayScore load tool, soak mode — starts a sandbox and N server instances on 127.0.0.1 behind a round-robin
        balancer in this process, runs whole orders for a while under injected faults and kill -9s, then checks that
        nothing was lost, duplicated, diverged or applied twice. Exit code 1 when a must-be-0 figure is not 0.
          --duration S         load seconds (default 60)
          --warmup S           seconds of load before the measured duration, no faults, not counted in the
                               throughput figures (its orders are checked like all others; default 10)
          --users N            concurrent simulated users (default 16)
          --storage sqlite|postgres   (default sqlite; sqlite runs one instance)
          --instances N        server instances (default 1 for sqlite, 2 for postgres)
          --postgres CS        Npgsql connection string of the cluster (default: WXPAYSCORE_TEST_POSTGRES); a fresh
                               database soak_<time> is created there by the servers' migration
          --fault-rate P       % of WeChat API calls and of callbacks hit by a fault while faults are on (default 10)
          --fault-period S     faults are on for the second half of every period of S seconds (default 20)
          --kill-every S       mean seconds between kill -9s of a random instance, only while faults are on; 0 = never
                               (default 30); the killed instance is restarted at once
          --settle S           after the load: how long the reconciler may take to converge (default 120)
          --work DIR           data and logs (default a new folder under /tmp)
          --server-dll PATH    (default src/WxPayScore.Server/bin/Release/net10.0/WxPayScore.Server.dll of this repository)
          --sandbox-dll PATH   (default src/WxPayScore.Sandbox/bin/Release/net10.0/WxPayScore.Sandbox.dll)
          --seed N             random seed of the users' choices and of the kill schedule (default: time)
        """;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Users { get; init; } = 16;

    public string Storage { get; init; } = "sqlite";

    public int? Instances { get; init; }

    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("WXPAYSCORE_TEST_POSTGRES");

    public int FaultRate { get; init; } = 10;

    public TimeSpan FaultPeriod { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(120);

    public string? Work { get; init; }

    public string? ServerDll { get; init; }

    public string? SandboxDll { get; init; }

    public int Seed { get; init; } = Environment.TickCount;

    public bool Postgresql => Storage == "postgres";

    public int InstanceCount => Instances ?? (Postgresql ? 2 : 1);

    public static SoakOptions? Parse(string[] args)
    {
        var o = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Seconds() => double.Parse(Next(), CultureInfo.InvariantCulture);
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--duration": o = o with { Duration = TimeSpan.FromSeconds(Seconds()) }; break;
                case "--warmup": o = o with { Warmup = TimeSpan.FromSeconds(Seconds()) }; break;
                case "--users": o = o with { Users = Int() }; break;
                case "--storage": o = o with { Storage = Next().ToLowerInvariant() }; break;
                case "--instances": o = o with { Instances = Int() }; break;
                case "--postgres": o = o with { Postgres = Next() }; break;
                case "--fault-rate": o = o with { FaultRate = Int() }; break;
                case "--fault-period": o = o with { FaultPeriod = TimeSpan.FromSeconds(Seconds()) }; break;
                case "--kill-every": o = o with { KillEvery = TimeSpan.FromSeconds(Seconds()) }; break;
                case "--settle": o = o with { Settle = TimeSpan.FromSeconds(Seconds()) }; break;
                case "--work": o = o with { Work = Next() }; break;
                case "--server-dll": o = o with { ServerDll = Next() }; break;
                case "--sandbox-dll": o = o with { SandboxDll = Next() }; break;
                case "--seed": o = o with { Seed = Int() }; break;
                default: return null;
            }
        }

        var valid = o.Users is >= 1 and <= 1024 && o.Duration > TimeSpan.Zero && o.Duration <= TimeSpan.FromHours(2) &&
            o.Storage is "sqlite" or "postgres" && o.InstanceCount >= 1 && (o.Postgresql || o.InstanceCount == 1) &&
            (!o.Postgresql || !string.IsNullOrWhiteSpace(o.Postgres)) && o.FaultRate is >= 0 and <= 100 &&
            o.FaultPeriod >= TimeSpan.FromSeconds(2) && o.KillEvery >= TimeSpan.Zero && o.Settle > TimeSpan.Zero && o.Warmup >= TimeSpan.Zero;
        return valid ? o : null;
    }
}
