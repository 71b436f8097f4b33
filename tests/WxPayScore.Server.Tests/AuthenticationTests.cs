using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>
/// Authentication runs before the endpoint: an unauthenticated caller gets 401 ProblemDetails whatever its body
/// (malformed, oversize, wrong type) — never a 400/413/415 that shows the body was parsed, nor internal type names.
/// </summary>
public sealed class AuthenticationTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly SandboxFixture sandbox;
    private readonly SqliteTestStorage storage = new();
    private ServerHost server = null!;

    public AuthenticationTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    public async Task InitializeAsync()
    {
        await storage.InitializeAsync();
        server = await ServerHost.StartAsync(sandbox.Host, storage);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await storage.DisposeAsync();
    }

    public static TheoryData<string, string, string?> Bodies => new()
    {
        { "application/json", "{ not json", null },
        { "application/json", "{\"planId\": 12}", null },
        { "text/plain", "planId=powerbank-hourly", null },
        { "application/json", "{\"planId\":\"" + new string('x', 40_000) + "\"}", null },
        { "application/json", "{ not json", "Bearer v1.forged.token" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_order_body_is_not_read_before_the_session_token_is_checked(string contentType, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Http.SendAsync(request);
        await AssertUnauthorizedAsync(response);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("application/json", "{ not json", null)]
    [InlineData("application/json", "{\"fees\": \"many\", \"totalAmount\": 99999999999999999999999}", "wrong-key")]
    [InlineData("application/xml", "<complete/>", null)]
    public async Task An_admin_body_is_not_read_before_the_admin_key_is_checked(string contentType, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/orders/any/complete") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        using var response = await server.Http.SendAsync(request);
        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task A_good_token_and_key_still_get_through_and_the_key_is_never_logged()
    {
        var alice = await TestClient.LoginAsync(server, sandbox.Host, "auth-alice");
        var created = await alice.CreateOrderAsync();
        var (status, _) = await alice.GetOrderAsync(created.OutOrderNo);
        Assert.Equal(HttpStatusCode.OK, status);

        var (adminStatus, _) = await new AdminClient(server).SendAsync(HttpMethod.Get, "orders");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        var (wrongStatus, _) = await new AdminClient(server, "not-the-key-" + ServerSecrets.AdminKey).SendAsync(HttpMethod.Get, "orders");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);

        Assert.DoesNotContain(ServerSecrets.AdminKey, server.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("Admin authentication failed", server.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_token_is_not_an_admin_key_and_the_admin_key_is_not_a_session()
    {
        var alice = await TestClient.LoginAsync(server, sandbox.Host, "auth-bob");
        using var asAdmin = new HttpRequestMessage(HttpMethod.Get, "admin/api/orders");
        asAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice.Token);
        using var adminAnswer = await server.Http.SendAsync(asAdmin);
        await AssertUnauthorizedAsync(adminAnswer);

        using var asUser = new HttpRequestMessage(HttpMethod.Get, "api/orders/WXPS0000");
        asUser.Headers.TryAddWithoutValidation("X-Api-Key", ServerSecrets.AdminKey);
        using var userAnswer = await server.Http.SendAsync(asUser);
        await AssertUnauthorizedAsync(userAnswer);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        foreach (var leak in new[] { "System.", "WxPayScore.", "Microsoft.", "Exception" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }
}
