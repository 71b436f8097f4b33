using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Persistence;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// RateLimits:*: per client address on log-in and on wrong admin keys (behind a proxy: the forwarded address), per user
/// on order creation plus a cap of open orders, and a queue in front of the callback endpoint. 429 = ProblemDetails
/// with Retry-After.
/// </summary>
public sealed class RateLimitTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture sandbox;

    public RateLimitTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    private async Task<ServerHost> StartAsync(Dictionary<string, string> limits)
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        return await ServerHost.StartAsync(sandbox.Host, storage, settings =>
        {
            foreach (var (key, value) in limits)
            {
                settings["RateLimits:" + key] = value;
            }
        });
    }

    private static HttpRequestMessage From(string address, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in seconds");
    }

    [Fact]
    public async Task Log_ins_are_limited_per_client_address_behind_a_proxy()
    {
        await using var server = await StartAsync(new() { ["SessionsPerClient"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            using var request = From("203.0.113.7", HttpMethod.Post, "api/session", "{\"code\":\"bogus-" + i + "\"}");
            using var answer = await server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        using (var fourth = From("203.0.113.7", HttpMethod.Post, "api/session", "{\"code\":\"bogus\"}"))
        using (var refused = await server.Http.SendAsync(fourth))
        {
            await AssertTooManyAsync(refused);
        }

        // Another client behind the same proxy has its own budget: a genuine log-in works.
        var code = sandbox.Control.CreateLoginCode("rate-carol", TestKeys.AppId);
        using var other = From("198.51.100.9", HttpMethod.Post, "api/session", JsonSerializer.Serialize(new { code = code.Code }));
        using var accepted = await server.Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var calls = await server.QueryDbAsync(db => Task.FromResult(db.WeChatCalls.Count(c => c.Operation == WeChatCallOperation.Login)));
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Wrong_admin_keys_lock_the_client_out_without_comparing_further_keys()
    {
        await using var server = await StartAsync(new() { ["AdminAuthFailuresPerClient"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            using var request = From("203.0.113.8", HttpMethod.Get, "admin/api/orders");
            request.Headers.TryAddWithoutValidation("X-Api-Key", "guess-" + i);
            using var answer = await server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        using (var guess = From("203.0.113.8", HttpMethod.Get, "admin/api/orders"))
        {
            guess.Headers.TryAddWithoutValidation("X-Api-Key", ServerSecrets.AdminKey);
            using var locked = await server.Http.SendAsync(guess);
            await AssertTooManyAsync(locked);
        }

        using var admin = From("198.51.100.10", HttpMethod.Get, "admin/api/orders");
        admin.Headers.TryAddWithoutValidation("X-Api-Key", ServerSecrets.AdminKey);
        using var allowed = await server.Http.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Order_creation_is_limited_per_user()
    {
        await using var server = await StartAsync(new() { ["OrderCreatesPerUser"] = "2" });
        var dave = await TestClient.LoginAsync(server, sandbox.Host, "rate-dave");
        await dave.CreateOrderAsync();
        await dave.CreateOrderAsync();
        using (var third = await dave.SendAsync(HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" }))
        {
            await AssertTooManyAsync(third);
        }

        var erin = await TestClient.LoginAsync(server, sandbox.Host, "rate-erin");
        await erin.CreateOrderAsync();
    }

    [Fact]
    public async Task A_user_with_too_many_unconfirmed_orders_cannot_create_another()
    {
        await using var server = await StartAsync(new() { ["OpenOrdersPerUser"] = "2" });
        var frank = await TestClient.LoginAsync(server, sandbox.Host, "rate-frank");
        var first = await frank.CreateOrderAsync();
        await frank.CreateOrderAsync();
        using (var third = await frank.SendAsync(HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" }))
        {
            var text = await third.Content.ReadAsStringAsync();
            Assert.True(third.StatusCode == HttpStatusCode.TooManyRequests, text);
            Assert.EndsWith("too-many-open-orders", JsonDocument.Parse(text).RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        // Once one is confirmed, there is room again.
        sandbox.Control.Confirm(first.Package, "rate-frank");
        await Eventually.WaitAsync(() => server.FindOrderAsync(first.OutOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "confirmation");
        await frank.CreateOrderAsync();
    }

    [Fact]
    public async Task Callbacks_wait_in_a_queue_and_only_a_full_queue_is_refused()
    {
        await using var server = await StartAsync(new() { ["CallbackConcurrency"] = "1", ["CallbackQueue"] = "1" });

        // The first delivery holds the only slot while its body trickles in; the second waits; the third is refused.
        var release = new TaskCompletionSource();
        var holding = server.Http.PostAsync("notify/payscore", new SlowContent(release.Task));
        await Task.Delay(300);
        var queued = server.Http.PostAsync("notify/payscore", new StringContent("{}", Encoding.UTF8, "application/json"));
        await Task.Delay(300);
        Assert.False(queued.IsCompleted, "the second callback waits for the slot");
        using (var refused = await server.Http.PostAsync("notify/payscore", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, "Retry-After");
            Assert.Equal("FAIL", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        release.SetResult();
        using var first = await holding;
        using var second = await queued;
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task A_negative_limit_stops_start_up_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new() { ["SessionsPerClient"] = "-1" }));
        Assert.Contains("RateLimits:SessionsPerClient", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A JSON body whose end arrives only when <c>release</c> completes.</summary>
    private sealed class SlowContent(Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"id\":"u8.ToArray());
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync("1}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
