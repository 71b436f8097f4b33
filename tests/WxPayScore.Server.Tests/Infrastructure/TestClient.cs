using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WxPayScore.Sandbox;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>The mini program's calls (docs/contracts.md) made by a simulated sandbox user.</summary>
public sealed class TestClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;

    private TestClient(HttpClient http, string user, string token, string openId)
    {
        this.http = http;
        User = user;
        Token = token;
        OpenId = openId;
    }

    public string User { get; }

    public string Token { get; }

    public string OpenId { get; }

    public static Task<TestClient> LoginAsync(ServerHost server, SandboxHost sandbox, string user)
    {
        ArgumentNullException.ThrowIfNull(server);
        return LoginAsync(server.Http, sandbox, user);
    }

    /// <summary>Logs in through <c>POST /api/session</c> of the server <paramref name="http"/> talks to (base address set).</summary>
    public static async Task<TestClient> LoginAsync(HttpClient http, SandboxHost sandbox, string user, string? appId = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(sandbox);
        var code = sandbox.Control.CreateLoginCode(user, appId ?? TestKeys.AppId);
        using var response = await http.PostAsJsonAsync("api/session", appId is null ? new { code = code.Code } : (object)new { code = code.Code, appId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestClient(http, user, session.GetProperty("token").GetString()!, code.OpenId);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    /// <summary>POST /api/orders; asserts 201 and returns the body.</summary>
    public async Task<CreatedOrder> CreateOrderAsync(string planId = "powerbank-hourly", string? deviceId = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/orders", deviceId is null ? new { planId } : (object)new { planId, deviceId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        return new CreatedOrder(body.GetProperty("outOrderNo").GetString()!, body.GetProperty("openBusinessView").GetProperty("extraData").GetProperty("package").GetString()!, body);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetOrderAsync(string outOrderNo) =>
        await ReadAsync(await SendAsync(HttpMethod.Get, "api/orders/" + Uri.EscapeDataString(outOrderNo)));

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetOrderByQueryIdAsync(string queryId) =>
        await ReadAsync(await SendAsync(HttpMethod.Get, "api/orders/by-query-id/" + Uri.EscapeDataString(queryId)));

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }
}
