using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Callbacks;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A merchant's notify_url on a small local Kestrel: every POST is read with the SDK's <see cref="CallbackReader"/> and
/// recorded. It answers the next scripted status if any, else 204 for a valid callback and 400 for an invalid one.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<ReceivedCallback> received = [];
    private readonly List<CallbackResult> arrived = [];

    private CallbackReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        NotifyUrl = baseUrl.TrimEnd('/') + "/payscore/notify";
    }

    public string NotifyUrl { get; }

    /// <summary>How long to wait before answering (to exceed the sandbox's answer timeout).</summary>
    public int DelayMs { get; set; }

    /// <summary>Awaited before answering each callback (after reading it): lets a test stall the callbacks of one order.</summary>
    public Func<CallbackResult, Task>? BeforeAnswer { get; set; }

    /// <summary>Every callback as soon as it arrives, before any delay or <see cref="BeforeAnswer"/> (arrival order).</summary>
    public IReadOnlyList<CallbackResult> Arrived
    {
        get
        {
            lock (arrived)
            {
                return arrived.ToArray();
            }
        }
    }

    /// <summary>Statuses to answer to the next callbacks, whatever they contain.</summary>
    public ConcurrentQueue<int> Script { get; } = new();

    public IReadOnlyList<ReceivedCallback> Received
    {
        get
        {
            lock (received)
            {
                return received.ToArray();
            }
        }
    }

    public static async Task<CallbackReceiver> StartAsync(CallbackReader reader)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackReceiver? self = null;
        app.MapPost("/payscore/notify", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var result = await reader.ReadAsync(body, CallbackHeaders.From(name => headers.GetValueOrDefault(name)));
            lock (self!.arrived)
            {
                self.arrived.Add(result);
            }

            if (self.DelayMs > 0)
            {
                await Task.Delay(self.DelayMs);
            }

            if (self.BeforeAnswer is { } beforeAnswer)
            {
                await beforeAnswer(result);
            }

            var status = self.Script.TryDequeue(out var scripted) ? scripted : result.IsValid ? 204 : 400;
            lock (self.received)
            {
                self.received.Add(new ReceivedCallback(body, headers, result, status));
            }

            context.Response.StatusCode = status;
            if (status >= 400)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"code\":\"FAIL\",\"message\":\"" + (result.IsValid ? "scripted failure" : result.Failure.ToString()) + "\"}");
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new CallbackReceiver(app, address);
        return self;
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds for what was received.</summary>
    public async Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(Func<IReadOnlyList<ReceivedCallback>, bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var snapshot = Received;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The receiver got {snapshot.Count} callbacks; the expected condition did not hold.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds for what has arrived (answered or not).</summary>
    public async Task<IReadOnlyList<CallbackResult>> WaitForArrivalAsync(Func<IReadOnlyList<CallbackResult>, bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var snapshot = Arrived;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{snapshot.Count} callbacks arrived; the expected condition did not hold within {timeoutMs} ms.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
