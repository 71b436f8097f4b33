using Microsoft.AspNetCore.Http;

namespace WxPayScore.Tests.Shared;

/// <summary>
/// A receiver on 127.0.0.1 that only records what arrives (path, headers, raw body), like a packet capture, and answers
/// with a status chosen per request (204 unless told): a notify_url whose callbacks the test itself judges, or an
/// OTLP/HTTP collector stand-in. Shared by the test projects (linked source, tests/Shared/Loopback).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly List<ReceivedRequest> received = [];
    private readonly Func<ReceivedRequest, int> answer;
    private readonly string? answerContentType;
    private LoopbackEndpoint endpoint = null!;
    private int consumed;

    private LoopbackReceiver(Func<ReceivedRequest, int> answer, string? answerContentType)
    {
        this.answer = answer;
        this.answerContentType = answerContentType;
    }

    /// <inheritdoc cref="LoopbackEndpoint.Url"/>
    public string Url => endpoint.Url;

    /// <inheritdoc cref="LoopbackEndpoint.BaseUrl"/>
    public Uri BaseUrl => endpoint.BaseUrl;

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (received)
            {
                return received.ToArray();
            }
        }
    }

    /// <param name="path">The route recorded (POST only; a pattern such as <c>/v1/{signal}</c> records every match).</param>
    /// <param name="answer">The status to answer each request with (204 when null).</param>
    /// <param name="answerContentType">The Content-Type of the (empty) answers, if any.</param>
    public static async Task<LoopbackReceiver> StartAsync(string path, Func<ReceivedRequest, int>? answer = null, string? answerContentType = null)
    {
        var receiver = new LoopbackReceiver(answer ?? (_ => StatusCodes.Status204NoContent), answerContentType);
        receiver.endpoint = await LoopbackEndpoint.StartAsync(path, receiver.ReceiveAsync);
        return receiver;
    }

    /// <summary>Waits until a request matching <paramref name="match"/> has arrived.</summary>
    public async Task<ReceivedRequest> WaitForAsync(Func<ReceivedRequest, bool> match, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"No matching request among {Received.Count} received.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The next request not yet taken by this method, in arrival order (waiting for it if need be).</summary>
    public async Task<ReceivedRequest> NextAsync(int timeoutMs = 10_000)
    {
        var index = Interlocked.Increment(ref consumed) - 1;
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var all = Received;
            if (all.Count > index)
            {
                return all[index];
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Request #{index + 1} did not arrive ({all.Count} received).");
            }

            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var request = new ReceivedRequest(context.Request.Path.Value ?? string.Empty, LoopbackEndpoint.HeadersOf(context.Request), buffer.ToArray());
        lock (received)
        {
            received.Add(request);
        }

        context.Response.StatusCode = answer(request);
        if (answerContentType is not null)
        {
            context.Response.ContentType = answerContentType;
        }
    }
}
