using WxPayScore.Sandbox;

namespace WxPayScore.Server.Embedded;

/// <summary>The sandbox this server started for itself (embedded mode) and the identities it registered there.</summary>
public sealed class EmbeddedSandbox : IAsyncDisposable
{
    private readonly ILoggerFactory? loggerFactory;
    private int disposed;

    public EmbeddedSandbox(SandboxHost host, EmbeddedIdentity identity, string demoUser, bool adminKeyGenerated, ILoggerFactory? loggerFactory)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        DemoUser = demoUser;
        AdminKeyGenerated = adminKeyGenerated;
        this.loggerFactory = loggerFactory;
    }

    public SandboxHost Host { get; }

    public EmbeddedIdentity Identity { get; }

    public string DemoUser { get; }

    /// <summary>True when the admin key was generated (and may be printed); false when it came from configuration.</summary>
    public bool AdminKeyGenerated { get; }

    /// <summary>The configured <c>Sandbox:Urls</c> when it was taken and a free port was used instead.</summary>
    public string? TakenUrls { get; init; }

    /// <summary>The sandbox page that plays the Pay Score mini program's <c>pages/use/use</c>.</summary>
    public Uri ConfirmPageUrl => new(Host.BaseUrl, "sandbox/pages/use/use");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await Host.DisposeAsync();
        loggerFactory?.Dispose();
    }
}
