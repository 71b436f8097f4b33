namespace WxPayScore.Server.Embedded;

/// <summary>The embedded sandbox started when no real credentials are configured (section <c>Sandbox</c>).</summary>
public sealed class EmbeddedSandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Where the sandbox listens; if the port is taken a free one is used instead.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5090";

    /// <summary><c>Sqlite</c> (default: survives restarts, in the data folder) or <c>Memory</c>.</summary>
    public string Persistence { get; set; } = "Sqlite";

    /// <summary>Simulated user proposed by the browser demo.</summary>
    public string DemoUser { get; set; } = "alice";

    /// <summary>How the simulated user pays after completion: Immediate, Delayed or FailUntilMerchant.</summary>
    public string CollectionMode { get; set; } = "Immediate";
}
