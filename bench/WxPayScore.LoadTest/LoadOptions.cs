using System.Globalization;

namespace WxPayScore.LoadTest;

/// <summary>What to measure: create only, or create + query (+ confirm).</summary>
internal enum LoadMode
{
    Create,
    Flow,
}

/// <summary>Command-line options.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        WxPayScore load tool — drives simulated users against a running server + sandbox on 127.0.0.1.
          --server URL        merchant server (default http://127.0.0.1:5080)
          --sandbox URL       sandbox (default: from the server's /api/demo/config)
          --appid ID          mini program AppID (default: from /api/demo/config)
          --users N           concurrent simulated users (default 32)
          --duration S        measured seconds (default 20)
          --warmup S          warm-up seconds, not measured (default 5)
          --mode create|flow  create only, or create + query each order (default flow)
          --confirm           also confirm each order through the sandbox control API
          --plan ID           plan to order (default powerbank-hourly)
          --crypto S          seconds of the RSA sign+verify measurement (default 3)
        WxPayScore.LoadTest soak [options]: whole orders under faults and kill -9s, with a verdict (soak --help).
        """;

    public Uri Server { get; init; } = new("http://127.0.0.1:5080/");

    public Uri? Sandbox { get; init; }

    public string? AppId { get; init; }

    public int Users { get; init; } = 32;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public LoadMode Mode { get; init; } = LoadMode.Flow;

    public bool Confirm { get; init; }

    public string Plan { get; init; } = "powerbank-hourly";

    public double CryptoSeconds { get; init; } = 3;

    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--server": options = options with { Server = Slash(Next()) }; break;
                case "--sandbox": options = options with { Sandbox = Slash(Next()) }; break;
                case "--appid": options = options with { AppId = Next() }; break;
                case "--users": options = options with { Users = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--duration": options = options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) }; break;
                case "--warmup": options = options with { Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) }; break;
                case "--mode": options = options with { Mode = Enum.Parse<LoadMode>(Next(), ignoreCase: true) }; break;
                case "--confirm": options = options with { Confirm = true }; break;
                case "--plan": options = options with { Plan = Next() }; break;
                case "--crypto": options = options with { CryptoSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                default: return null;
            }
        }

        return options.Users is < 1 or > 4096 || options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromMinutes(30) ? null : options;
    }

    private static Uri Slash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
