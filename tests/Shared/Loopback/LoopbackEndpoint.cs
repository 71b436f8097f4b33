using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Tests.Shared;

/// <summary>
/// A small Kestrel on 127.0.0.1 (dynamic port) that answers one route with one handler: what the tests' notify_urls,
/// redirect targets and collectors run on (<see cref="LoopbackReceiver"/> for one that records what arrives). Shared by
/// the test projects (linked source, tests/Shared/Loopback).
/// </summary>
public sealed class LoopbackEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackEndpoint(WebApplication app, Uri baseUrl, string path)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Url = baseUrl.ToString().TrimEnd('/') + path;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The absolute URL of the handled route (as written: a route with parameters keeps them).</summary>
    public string Url { get; }

    /// <param name="path">The one route handled (a route pattern: <c>/v1/{signal}</c> answers every signal).</param>
    /// <param name="handler">What answers it.</param>
    /// <param name="anyMethod">Handle every HTTP method, not only POST (a redirect target that a client might GET).</param>
    public static async Task<LoopbackEndpoint> StartAsync(string path, RequestDelegate handler, bool anyMethod = false)
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
        return new LoopbackEndpoint(app, new Uri(address.TrimEnd('/') + "/"), path);
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
