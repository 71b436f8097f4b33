using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// A plain round-robin HTTP balancer in front of the server instances (users, the admin side and WeChat's callbacks all
/// go through it). An instance known to be down is skipped; a refused connection (nothing was sent) moves on to the
/// next instance, as nginx's <c>proxy_next_upstream error</c>; a connection lost after the request was sent is a 502
/// with <c>X-Soak-Cause: upstream-died</c> (the caller cannot know whether it was processed).
/// </summary>
internal sealed class RoundRobinBalancer : IAsyncDisposable
{
    public const string CauseHeader = "X-Soak-Cause";

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication app;
    private readonly HttpClient upstream = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        MaxConnectionsPerServer = 512,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    private readonly Uri[] targets;
    private readonly bool[] up;
    private int next;

    private RoundRobinBalancer(WebApplication app, Uri[] targets)
    {
        this.app = app;
        this.targets = targets;
        up = new bool[targets.Length];
    }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<RoundRobinBalancer> StartAsync(IReadOnlyList<Uri> targets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var balancer = new RoundRobinBalancer(app, targets.ToArray());
        app.Run(balancer.ForwardAsync);
        await app.StartAsync();
        balancer.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return balancer;
    }

    public void SetUp(int instance, bool isUp) => Volatile.Write(ref up[instance], isUp);

    private async Task ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        for (var tries = 0; tries < targets.Length; tries++)
        {
            var instance = Pick();
            if (instance < 0)
            {
                break;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                new Uri(targets[instance], context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString.Value));
            if (bytes.Length > 0 || context.Request.ContentLength is not null)
            {
                request.Content = new ByteArrayContent(bytes);
            }

            foreach (var header in context.Request.Headers)
            {
                if (HopHeaders.Contains(header.Key) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException ex) when (Refused(ex))
            {
                SetUp(instance, false);
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
            {
                await FailAsync(context, "upstream-died");
                return;
            }

            using (response)
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers))
                {
                    if (!HopHeaders.Contains(header.Key))
                    {
                        context.Response.Headers[header.Key] = header.Value.ToArray();
                    }
                }

                try
                {
                    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    context.Abort();
                }
            }

            return;
        }

        await FailAsync(context, "no-instance-up");
    }

    private int Pick()
    {
        for (var i = 0; i < targets.Length; i++)
        {
            var candidate = (int)((uint)Interlocked.Increment(ref next) % (uint)targets.Length);
            if (Volatile.Read(ref up[candidate]))
            {
                return candidate;
            }
        }

        return -1;
    }

    private static bool Refused(HttpRequestException ex) =>
        ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ||
        ex.HttpRequestError == HttpRequestError.ConnectionError && ex.InnerException is SocketException;

    private static Task FailAsync(HttpContext context, string cause)
    {
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.Headers[CauseHeader] = cause;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync($$"""{"title":"balancer: {{cause}}","status":502}""");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }
}
