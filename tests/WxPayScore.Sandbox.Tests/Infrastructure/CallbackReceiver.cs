using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using WxPayScore.Callbacks;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A merchant's notify_url on a small local Kestrel: every POST is read with the SDK's <see cref="CallbackReader"/> and
/// recorded. It answers the next scripted status if any, else 204 for a valid callback and 400 for an invalid one.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly CallbackReader reader;
    private readonly List<ReceivedCallback> received = [];
    private readonly List<CallbackResult> arrived = [];
    private LoopbackEndpoint endpoint = null!;

    private CallbackReceiver(CallbackReader reader)
    {
        this.reader = reader;
    }

    public string NotifyUrl => endpoint.Url;

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
        var receiver = new CallbackReceiver(reader);
        receiver.endpoint = await LoopbackEndpoint.StartAsync("/payscore/notify", receiver.ReceiveAsync);
        return receiver;
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds for what was received.</summary>
    public Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(Func<IReadOnlyList<ReceivedCallback>, bool> condition, int timeoutMs = 10_000) =>
        PollAsync(() => Received, condition, timeoutMs,
            count => $"The receiver got {count} callbacks; the expected condition did not hold.");

    /// <summary>Waits (polling) until <paramref name="condition"/> holds for what has arrived (answered or not).</summary>
    public Task<IReadOnlyList<CallbackResult>> WaitForArrivalAsync(Func<IReadOnlyList<CallbackResult>, bool> condition, int timeoutMs = 10_000) =>
        PollAsync(() => Arrived, condition, timeoutMs,
            count => $"{count} callbacks arrived; the expected condition did not hold within {timeoutMs} ms.");

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();

    private static async Task<IReadOnlyList<T>> PollAsync<T>(
        Func<IReadOnlyList<T>> current, Func<IReadOnlyList<T>, bool> condition, int timeoutMs, Func<int, string> timeoutMessage)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var snapshot = current();
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException(timeoutMessage(snapshot.Count));
            }

            await Task.Delay(10);
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = LoopbackEndpoint.HeadersOf(context.Request);
        var result = await reader.ReadAsync(body, CallbackHeaders.From(name => headers.GetValueOrDefault(name)));
        lock (arrived)
        {
            arrived.Add(result);
        }

        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs);
        }

        if (BeforeAnswer is { } beforeAnswer)
        {
            await beforeAnswer(result);
        }

        var status = Script.TryDequeue(out var scripted) ? scripted : result.IsValid ? 204 : 400;
        lock (received)
        {
            received.Add(new ReceivedCallback(body, headers, result, status));
        }

        context.Response.StatusCode = status;
        if (status >= 400)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"code\":\"FAIL\",\"message\":\"" + (result.IsValid ? "scripted failure" : result.Failure.ToString()) + "\"}");
        }
    }
}
