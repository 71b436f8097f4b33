using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>A small local Kestrel on 127.0.0.1 (dynamic port) that handles POSTs to one path: what the test notify_urls run on.</summary>
public sealed class LoopbackPostEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackPostEndpoint(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The absolute URL of the handled path.</summary>
    public string Url { get; }

    /// <param name="path">The one path handled.</param>
    /// <param name="handler">What answers it.</param>
    /// <param name="anyMethod">Handle every HTTP method, not only POST (a redirect target that a client might GET).</param>
    public static async Task<LoopbackPostEndpoint> StartAsync(string path, RequestDelegate handler, bool anyMethod = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        if (anyMethod)
        {
            app.Map(path, handler);
        }
        else
        {
            app.MapPost(path, handler);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackPostEndpoint(app, address.TrimEnd('/') + path);
    }

    /// <summary>The request's headers as received, looked up case-insensitively.</summary>
    public static Dictionary<string, string> HeadersOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
