using System.Net;
using System.Text.Json;
using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>/health/live (public, nothing said) and /health/ready (database and WeChat reachability; details only with the admin key).</summary>
public sealed class HealthTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture sandbox;

    public HealthTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    private async Task<ServerHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        return await ServerHost.StartAsync(sandbox.Host, storage, configure);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(ServerHost server, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "health/ready");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        return await TestClient.ReadAsync(await server.Http.SendAsync(request));
    }

    [Fact]
    public async Task Live_and_ready_say_nothing_without_the_admin_key()
    {
        await using var server = await StartAsync();
        using var live = await server.Http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        var (status, body) = await ReadyAsync(server, null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("checks", out _), "no details without the key");
        Assert.DoesNotContain("127.0.0.1", body.GetRawText(), StringComparison.Ordinal);

        var (_, wrongKey) = await ReadyAsync(server, "wrong");
        Assert.False(wrongKey.TryGetProperty("checks", out _), "no details with a wrong key");

        using var old = await server.Http.GetAsync("health");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Ready_with_the_admin_key_shows_each_check_without_business_figures()
    {
        await using var server = await StartAsync();
        var (status, body) = await ReadyAsync(server, ServerSecrets.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("orders", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("wechatpay").GetProperty("status").GetString());
        Assert.Contains("/v3/certificates answered 4", checks.GetProperty("wechatpay").GetProperty("data").GetProperty("wechatPay").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_answering_404_on_the_probe_is_not_healthy_and_says_why()
    {
        await using var server = await StartAsync(s => s["WeChatPay:BaseUrl"] = sandbox.Host.BaseUrl.ToString().TrimEnd('/') + "/not-wechat");
        var (status, body) = await ReadyAsync(server, ServerSecrets.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var wechat = body.GetProperty("checks").GetProperty("wechatpay");
        Assert.Equal("Degraded", wechat.GetProperty("status").GetString());
        Assert.Contains("404", wechat.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("not WeChat's API", wechat.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_upstream_makes_ready_503()
    {
        await using var server = await StartAsync(s => s["MiniProgram:BaseUrl"] = $"http://127.0.0.1:{ServerHost.FreePort()}");
        var (status, body) = await ReadyAsync(server, null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        using var live = await server.Http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
