using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WxPayScore.Sandbox;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Persistence;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// OpenTelemetry through the real server in embedded mode (its in-process sandbox): the spans and metrics of a
/// create → confirm → complete flow, exported in memory and over OTLP to a receiver on 127.0.0.1, with no secret,
/// openid or signature in any tag.
/// </summary>
[Collection(nameof(TelemetryGroup))]
public sealed class TelemetryTests
{
    private const string ServiceName = "wxpayscore-telemetry-test";

    private static Dictionary<string, string?> Settings(string dataPath) => new()
    {
        ["urls"] = $"http://127.0.0.1:{ServerHost.FreePort()}",
        ["Server:DataPath"] = dataPath,
        ["Server:Mode"] = "Embedded",
        ["Sandbox:Urls"] = "http://127.0.0.1:0",
        ["Sandbox:Persistence"] = "Memory",
        ["Reconciler:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Without_the_standard_variables_nothing_is_collected()
    {
        await using var server = await ServerHost.StartAsync(Settings(TempFolders.Create("telemetry-off")));
        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.Null(server.Services.GetService<MeterProvider>());
        using var health = await server.Http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Create_confirm_complete_is_traced_and_measured_and_no_tag_holds_a_secret_or_openid()
    {
        await using var receiver = await LoopbackReceiver.StartAsync("/v1/{signal}", _ => 200, "application/x-protobuf");
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<MetricSnapshot>();
        var settings = Settings(TempFolders.Create("telemetry"));
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUrl.ToString().TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_SERVICE_NAME"] = ServiceName;
        await using var server = await ServerHost.StartAsync(settings, services: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
        var sandbox = server.Services.GetRequiredService<EmbeddedSandbox>();
        var identity = sandbox.Identity;

        // Log in as alice (jscode2session carries the AppSecret in its query: it must not reach a tag).
        var login = sandbox.Host.Control.CreateLoginCode("alice", identity.AppId);
        using var session = await server.Http.PostAsJsonAsync("api/session", new { code = login.Code, appId = identity.AppId });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        // Create, with WeChat failing the first attempt (500 SYSTEM_ERROR): the SDK retries.
        sandbox.Host.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.Create, Kind = FaultKinds.SystemError, Count = 1 });
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(new { planId = "powerbank-hourly" }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await server.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        var outOrderNo = order.GetProperty("outOrderNo").GetString()!;
        var package = order.GetProperty("openBusinessView").GetProperty("extraData").GetProperty("package").GetString()!;

        // Confirm on the sandbox's side: its USER_CONFIRM callback reaches /notify/payscore.
        sandbox.Host.Control.Confirm(package, "alice");
        await Eventually.WaitAsync(() => server.FindOrderAsync(outOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "the USER_CONFIRM callback");

        // Complete from the admin API: WeChat deducts, the PAID callback ends the order.
        using var complete = new HttpRequestMessage(HttpMethod.Post, $"admin/api/orders/{outOrderNo}/complete")
        {
            Content = new StringContent("""{"fees":[{"name":"租借费用","amount":300,"description":"3元/小时"}],"totalAmount":300}""", Encoding.UTF8, "application/json"),
        };
        complete.Headers.TryAddWithoutValidation("X-Api-Key", identity.AdminApiKey);
        using var completed = await server.Http.SendAsync(complete);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await Eventually.WaitAsync(() => server.FindOrderAsync(outOrderNo), o => o?.Phase == OrderPhase.Done, "the PAID callback");

        var tracerProvider = server.Services.GetRequiredService<TracerProvider>();
        var meterProvider = server.Services.GetRequiredService<MeterProvider>();
        Assert.True(tracerProvider.ForceFlush(10_000));
        Assert.True(meterProvider.ForceFlush(10_000));
        var all = spans.Snapshot();

        // --- create: incoming request → CreateOrder → the SDK's WeChat call → two HTTP attempts (500, then 200) → the sandbox.
        var createOrder = Assert.Single(all, s => s.OperationName == "CreateOrder" && Equals(s.GetTagItem("wxpayscore.out_order_no"), outOrderNo));
        var createRequest = Assert.Single(all, s => s.SpanId == createOrder.ParentSpanId);
        Assert.Equal(ActivityKind.Server, createRequest.Kind);
        Assert.Equal("/api/orders", ((string)createRequest.GetTagItem("http.route")!).TrimEnd('/'));
        Assert.Equal(201, createRequest.GetTagItem("http.response.status_code"));
        var createCall = Assert.Single(all, s => s.ParentSpanId == createOrder.SpanId && s.Source.Name == "WxPayScore");
        Assert.Equal(ActivityKind.Client, createCall.Kind);
        Assert.Equal("serviceorder.create", createCall.GetTagItem("wxpayscore.operation"));
        Assert.Equal(200, createCall.GetTagItem("http.response.status_code"));
        Assert.NotNull(createCall.GetTagItem("wxpayscore.request_id"));
        var retry = Assert.Single(createCall.Events, e => e.Name == "wxpayscore.retry");
        Assert.Contains(retry.Tags, t => t.Key == "http.response.status_code" && Equals(t.Value, 500));
        var attempts = all.Where(s => s.ParentSpanId == createCall.SpanId && s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.GetTagItem("http.response.status_code")).Cast<int>());
        foreach (var attempt in attempts)
        {
            // The sandbox's own server span continues the same trace (traceparent propagated to WeChat's side).
            Assert.Equal(createRequest.TraceId, attempt.TraceId);
            Assert.Contains(all, s => s.ParentSpanId == attempt.SpanId && s.Kind == ActivityKind.Server);
        }

        // --- callbacks: the sandbox's delivery → POST /notify/payscore → ProcessCallback (tagged with the order) → the SDK's reading.
        var callbacks = all.Where(s => s.OperationName == "ProcessCallback" && Equals(s.GetTagItem("wxpayscore.out_order_no"), outOrderNo)).ToList();
        Assert.Equal(["PAYSCORE.USER_CONFIRM", "PAYSCORE.USER_PAID"], callbacks.Select(c => (string)c.GetTagItem("wxpayscore.event_type")!).Order());
        foreach (var callback in callbacks)
        {
            Assert.Equal("applied", callback.GetTagItem("wxpayscore.outcome"));
            var notify = Assert.Single(all, s => s.SpanId == callback.ParentSpanId);
            Assert.Equal("/notify/payscore", notify.GetTagItem("http.route"));
        }

        // --- complete: admin request → AdminOrderAction → the SDK's complete call.
        var action = Assert.Single(all, s => s.OperationName == "AdminOrderAction" && Equals(s.GetTagItem("wxpayscore.out_order_no"), outOrderNo));
        Assert.Equal("complete", action.GetTagItem("wxpayscore.operation"));
        var completeRequest = Assert.Single(all, s => s.SpanId == action.ParentSpanId);
        Assert.Equal("/admin/api/orders/{outOrderNo}/complete", completeRequest.GetTagItem("http.route"));
        Assert.Equal(200, completeRequest.GetTagItem("http.response.status_code"));
        Assert.Contains(all, s => s.ParentSpanId == action.SpanId && Equals(s.GetTagItem("wxpayscore.operation"), "serviceorder.complete"));

        // --- metrics: the SDK's meter, Polly's retry, the server's meters.
        var points = metrics.Snapshot().GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(1, Sum(points, "wxpayscore.requests", ("operation", "serviceorder.create"), ("outcome", "200")));
        Assert.Equal(1, Sum(points, "wxpayscore.requests", ("operation", "serviceorder.complete"), ("outcome", "204")));
        Assert.True(Sum(points, "resilience.polly.strategy.events", ("event.name", "OnRetry")) >= 1, "Polly's retry event");
        Assert.Equal(1, Sum(points, "wxpayscore.server.orders.created", ("outcome", "ok")));
        Assert.Equal(2, Sum(points, "wxpayscore.server.callbacks", ("outcome", "applied")));
        Assert.Equal(1, Sum(points, "wxpayscore.server.journal.calls", ("operation", "create"), ("outcome", "ok")));
        Assert.Equal(1, Sum(points, "wxpayscore.server.journal.calls", ("operation", "complete"), ("outcome", "ok")));
        Assert.Equal(1, Sum(points, "wxpayscore.server.journal.calls", ("operation", "jscode2session")));
        Assert.True(Sum(points, "wxpayscore.server.state_changes", ("phase", "DONE")) >= 1);
        Assert.Equal(1, Gauge(points, "wxpayscore.server.orders", ("phase", "DONE")));
        Assert.Contains("http.server.request.duration", points.Keys);

        // --- no secret, openid or signature in any span tag, span event tag or metric tag.
        var privateKey = File.ReadAllLines(identity.MerchantPrivateKeyPath).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Skip(2).First();
        string[] secrets = [identity.ApiV3Key, identity.AppSecret, identity.AdminApiKey, login.OpenId, token, privateKey];
        var values = all.SelectMany(s => s.TagObjects.Concat(s.Events.SelectMany(e => e.Tags)))
            .Concat(metrics.Snapshot().SelectMany(m => m.MetricPoints).SelectMany(p => Tags(p)))
            .Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
            .ToList();
        Assert.True(values.Count > 100, $"only {values.Count} tag values");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(values, v => v.Contains("WECHATPAY2-SHA256-RSA2048", StringComparison.Ordinal) || v.Contains("signature=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(values, v => v == outOrderNo);

        // --- OTLP: the standard variables sent both signals to the receiver, with the service name and the order's id, and no secret.
        var traceBodies = receiver.Received.Where(r => r.Path == "/v1/traces").Select(r => r.Body).ToList();
        var metricBodies = receiver.Received.Where(r => r.Path == "/v1/metrics").Select(r => r.Body).ToList();
        Assert.NotEmpty(traceBodies);
        Assert.NotEmpty(metricBodies);
        Assert.All(receiver.Received, e => Assert.Equal("application/x-protobuf", e.ContentType));
        Assert.Contains(traceBodies, b => Has(b, outOrderNo) && Has(b, ServiceName));
        Assert.Contains(metricBodies, b => Has(b, "wxpayscore.server.journal.calls"));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(receiver.Received, e => Has(e.Body, secret));
        }
    }

    private static bool Has(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static IEnumerable<MetricPoint> Matching(Dictionary<string, MetricSnapshot> points, string name, (string Key, object Value)[] tags)
    {
        Assert.True(points.TryGetValue(name, out var metric), $"no metric {name}; got {string.Join(", ", points.Keys.Order())}");
        return metric.MetricPoints.Where(p => tags.All(t => Tags(p).Any(k => k.Key == t.Key && Equals(k.Value, t.Value))));
    }

    private static long Sum(Dictionary<string, MetricSnapshot> points, string name, params (string Key, object Value)[] tags) =>
        Matching(points, name, tags).Sum(p => p.GetSumLong());

    private static long Gauge(Dictionary<string, MetricSnapshot> points, string name, params (string Key, object Value)[] tags) =>
        Matching(points, name, tags).Sum(p => p.GetGaugeLastValueLong());
}
