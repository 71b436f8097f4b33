using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Hosting;

namespace WxPayScore.Sandbox;

/// <summary>
/// The sandbox on its own Kestrel server (tests, the merchant server's embedded mode, <c>dotnet run</c>).
/// Dispose it to stop the server and release the data folder.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SandboxHost(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
        var runtime = app.Services.GetRequiredService<SandboxRuntime>();
        PublicKeyId = runtime.Keys.PublicKeyId;
        PublicKeyPem = runtime.Keys.PublicKeyPem;
        PublicKeyPath = runtime.Keys.PublicKeyPath;
        PlatformCertificateSerial = runtime.Keys.CertificateSerial;
        Control = app.Services.GetRequiredService<SandboxControl>();
    }

    /// <summary>The address actually bound, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The sandbox's WeChat Pay public key id (<c>PUB_KEY_ID_…</c>).</summary>
    public string PublicKeyId { get; }

    /// <summary>SPKI PEM of the sandbox's WeChat Pay public key.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The same public key as a file in the data folder.</summary>
    public string PublicKeyPath { get; }

    /// <summary>Serial (40 hex) of the sandbox's platform certificate (legacy certificate mode) for the same key.</summary>
    public string PlatformCertificateSerial { get; }

    /// <summary>The same operations as the HTTP control API, in process.</summary>
    public SandboxControl Control { get; }

    /// <summary>The host's services (for advanced use: the sandbox's registrations live here).</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, TimeProvider? wallClock = null, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton(new SandboxWallClock(wallClock ?? TimeProvider.System));
        builder.Services.AddSingleton<IOptions<SandboxOptions>>(Options.Create(options));
        builder.Services.AddWxPayScoreSandbox(_ => { });
        var app = builder.Build();
        app.MapWxPayScoreSandbox();
        try
        {
            app.Services.GetRequiredService<SandboxRuntime>().EnsureStarted();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? options.Urls.Split(';')[0];
        return new SandboxHost(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/')));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
