using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Security;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>
/// A stand-in for api.mch.weixin.qq.com: Kestrel on 127.0.0.1 (random port) inside the test. It records every request
/// (raw target, headers, body bytes), checks the merchant's signature over exactly what it received, and answers
/// whatever <see cref="Responder"/> says, signed with the test "WeChat" key like the real service.
/// </summary>
public sealed class StubWeChat : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubRequest> requests = new();
    private int count;

    private StubWeChat(WebApplication app, TimeProvider clock)
    {
        this.app = app;
        Clock = clock;
    }

    /// <summary>Answers request number <c>n</c> (0-based). Default: 200 with an empty JSON object.</summary>
    public Func<StubRequest, StubReply> Responder { get; set; } = _ => StubReply.Json("{}");

    public TimeProvider Clock { get; }

    /// <summary>The key and serial that sign answers by default.</summary>
    public RSA SigningKey { get; set; } = TestKeys.WeChat;

    public string SigningSerial { get; set; } = TestKeys.PublicKeyId;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => requests.OrderBy(r => r.Index).ToArray();

    public int RequestCount => Volatile.Read(ref count);

    public static async Task<StubWeChat> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new StubWeChat(app, clock ?? TimeProvider.System);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Signs <c>timestamp\nnonce\nbody\n</c> as WeChat does.</summary>
    public static string Sign(RSA key, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var message = new List<byte>();
        message.AddRange(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n"));
        message.AddRange(body.ToArray());
        message.Add((byte)'\n');
        return Convert.ToBase64String(key.SignData(message.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var authorization = ParseAuthorization(headers.GetValueOrDefault("Authorization"));
        var verifies = authorization is not null && VerifyMerchantSignature(context.Request.Method, rawTarget, authorization, body);
        var request = new StubRequest(Interlocked.Increment(ref count) - 1, context.Request.Method, rawTarget, headers, body, authorization, verifies);
        requests.Enqueue(request);

        StubReply reply;
        try
        {
            reply = Responder(request);
        }
        catch (Exception ex)
        {
            reply = StubReply.Json($"{{\"code\":\"STUB_FAILURE\",\"message\":\"{ex.GetType().Name}\"}}", 599);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RequestId is not null)
        {
            context.Response.Headers["Request-ID"] = reply.RequestId;
        }

        WriteSignature(context.Response, reply);
        if (reply.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private void WriteSignature(HttpResponse response, StubReply reply)
    {
        if (reply.Signature == StubSignature.None)
        {
            return;
        }

        var timestamp = (Clock.GetUtcNow() + reply.ClockSkew).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var key = reply.Key ?? SigningKey;
        var signature = reply.Signature switch
        {
            StubSignature.Valid => Sign(key, timestamp, nonce, reply.Body),
            StubSignature.WrongBytes => Sign(key, timestamp, nonce, Encoding.UTF8.GetBytes("{\"tampered\":true}")),
            StubSignature.WrongKey => Sign(TestKeys.Attacker, timestamp, nonce, reply.Body),
            StubSignature.Probe => "WECHATPAY/SIGNTEST/" + Sign(key, timestamp, nonce, reply.Body),
            _ => throw new InvalidOperationException(),
        };
        response.Headers["Wechatpay-Timestamp"] = timestamp;
        response.Headers["Wechatpay-Nonce"] = nonce;
        response.Headers["Wechatpay-Signature"] = signature;
        response.Headers["Wechatpay-Serial"] = reply.Serial ?? SigningSerial;
        response.Headers["Wechatpay-Signature-Type"] = "WECHATPAY2-SHA256-RSA2048";
    }

    /// <summary>An independent reading of <c>WECHATPAY2-SHA256-RSA2048 k="v",…</c> (not the SDK's parser).</summary>
    private static Dictionary<string, string>? ParseAuthorization(string? header)
    {
        const string scheme = "WECHATPAY2-SHA256-RSA2048 ";
        if (header is null || !header.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var fields = Regex.Matches(header[scheme.Length..], "([a-z_]+)=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        return fields.Count == 5 ? fields : null;
    }

    private static bool VerifyMerchantSignature(string method, string rawTarget, Dictionary<string, string> authorization, byte[] body)
    {
        if (!authorization.TryGetValue("timestamp", out var timestamp) || !authorization.TryGetValue("nonce_str", out var nonce) ||
            !authorization.TryGetValue("signature", out var signature))
        {
            return false;
        }

        var message = new List<byte>();
        message.AddRange(Encoding.UTF8.GetBytes($"{method}\n{rawTarget}\n{timestamp}\n{nonce}\n"));
        message.AddRange(body);
        message.Add((byte)'\n');
        try
        {
            return TestKeys.Merchant.VerifyData(message.ToArray(), Convert.FromBase64String(signature),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
