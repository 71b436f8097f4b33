using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>
/// A notify_url on 127.0.0.1 that only captures what arrives (raw body and headers), like a packet capture: the CLI is
/// what judges the callbacks. It refuses SIGNTEST probes (400) and accepts the rest (204).
/// </summary>
public sealed class CallbackInbox : IAsyncDisposable
{
    private readonly List<CapturedCallback> captured = [];
    private WebApplication app = null!;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<CapturedCallback> Captured
    {
        get
        {
            lock (captured)
            {
                return captured.ToArray();
            }
        }
    }

    public static async Task<CallbackInbox> StartAsync()
    {
        var inbox = new CallbackInbox();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        inbox.app = builder.Build();
        inbox.app.MapPost("/payscore/notify", inbox.ReceiveAsync);
        await inbox.app.StartAsync();
        var address = inbox.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        inbox.Url = address.TrimEnd('/') + "/payscore/notify";
        return inbox;
    }

    /// <summary>Waits until a callback matching <paramref name="match"/> has arrived.</summary>
    public async Task<CapturedCallback> WaitForAsync(Func<CapturedCallback, bool> match, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (Captured.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No matching callback among {Captured.Count} captured.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var callback = new CapturedCallback(buffer.ToArray(), headers);
        lock (captured)
        {
            captured.Add(callback);
        }

        context.Response.StatusCode = callback.IsSignTestProbe ? 400 : 204;
    }
}
