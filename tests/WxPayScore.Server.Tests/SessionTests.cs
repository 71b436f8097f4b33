using System.Net;
using System.Net.Http.Json;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>Session tokens: bound to the openid, expiring by the injected clock, refused when altered; login errors.</summary>
public sealed class SessionTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture sandbox;

    public SessionTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    [Fact]
    public async Task A_token_expires_by_the_injected_clock_and_an_altered_one_is_refused()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var clock = new ShiftedTimeProvider();
        await using var server = await ServerHost.StartAsync(sandbox.Host, storage, s => s["Sessions:Lifetime"] = "01:00:00", clock);
        var alice = await TestClient.LoginAsync(server, sandbox.Host, "alice");
        var order = await alice.CreateOrderAsync();
        Assert.Equal(HttpStatusCode.OK, (await alice.GetOrderAsync(order.OutOrderNo)).Status);

        var parts = alice.Token.Split('.');
        var altered = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
        using (var request = new HttpRequestMessage(HttpMethod.Get, "api/orders/" + order.OutOrderNo))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", altered);
            using var response = await server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        clock.Shift(TimeSpan.FromMinutes(61));
        var (status, problem) = await alice.GetOrderAsync(order.OutOrderNo);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_or_unknown_login_code_is_refused()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        await using var server = await ServerHost.StartAsync(sandbox.Host, storage);
        var code = sandbox.Control.CreateLoginCode("alice", TestKeys.AppId).Code;
        using (var first = await server.Http.PostAsJsonAsync("api/session", new { code }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var reused = await server.Http.PostAsJsonAsync("api/session", new { code });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        using var unknown = await server.Http.PostAsJsonAsync("api/session", new { code = "not-a-code" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }
}
