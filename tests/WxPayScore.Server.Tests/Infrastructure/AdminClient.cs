using System.Net;
using System.Text;
using System.Text.Json;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>The admin API with the test key.</summary>
public sealed class AdminClient(ServerHost server, string key = ServerSecrets.AdminKey)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, "admin/api/" + path);
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        if (rawBody is not null || body is not null)
        {
            request.Content = new StringContent(rawBody ?? JsonSerializer.Serialize(body, TestClient.Json), Encoding.UTF8, "application/json");
        }

        return await TestClient.ReadAsync(await server.Http.SendAsync(request));
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> CompleteAsync(string outOrderNo, long amount) =>
        SendAsync(HttpMethod.Post, $"orders/{outOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount, description = "3元/小时" } },
            totalAmount = amount,
        });

    public Task<(HttpStatusCode Status, JsonElement Body)> DetailAsync(string outOrderNo) => SendAsync(HttpMethod.Get, $"orders/{outOrderNo}");
}
