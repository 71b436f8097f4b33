using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>A notify_url that only records the raw body and headers (no SDK) and answers 204.</summary>
public sealed class RawReceiver : IAsyncDisposable
{
    private readonly Channel<(string Body, IReadOnlyDictionary<string, string> Headers)> received =
        Channel.CreateUnbounded<(string Body, IReadOnlyDictionary<string, string> Headers)>();

    private LoopbackPostEndpoint endpoint = null!;

    private RawReceiver()
    {
    }

    public string Url => endpoint.Url;

    public static async Task<RawReceiver> StartAsync()
    {
        var receiver = new RawReceiver();
        receiver.endpoint = await LoopbackPostEndpoint.StartAsync("/notify", receiver.ReceiveAsync);
        return receiver;
    }

    public async Task<(string Body, IReadOnlyDictionary<string, string> Headers)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        await received.Writer.WriteAsync((body, LoopbackPostEndpoint.HeadersOf(context.Request)));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
