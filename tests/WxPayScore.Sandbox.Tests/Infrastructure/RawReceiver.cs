using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>A notify_url that only records the raw body and headers (no SDK) and answers 204.</summary>
public sealed class RawReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<(string Body, IReadOnlyDictionary<string, string> Headers)> received;

    private RawReceiver(WebApplication app, string url, Channel<(string, IReadOnlyDictionary<string, string>)> received)
    {
        this.app = app;
        Url = url;
        this.received = received;
    }

    public string Url { get; }

    public static async Task<RawReceiver> StartAsync()
    {
        var channel = Channel.CreateUnbounded<(string, IReadOnlyDictionary<string, string>)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/notify", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            await channel.Writer.WriteAsync((body, headers));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RawReceiver(app, address.TrimEnd('/') + "/notify", channel);
    }

    public async Task<(string Body, IReadOnlyDictionary<string, string> Headers)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
