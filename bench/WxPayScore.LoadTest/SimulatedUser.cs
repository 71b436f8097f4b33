using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WxPayScore.LoadTest;

/// <summary>One simulated mini-program user: logs in once (sandbox wx.login code → /api/session), then loops over orders.</summary>
internal sealed class SimulatedUser
{
    private readonly HttpClient http;
    private readonly Uri server;
    private readonly Uri sandbox;
    private readonly string user;
    private readonly AuthenticationHeaderValue authorization;

    private SimulatedUser(HttpClient http, Uri server, Uri sandbox, string user, string token)
    {
        this.http = http;
        this.server = server;
        this.sandbox = sandbox;
        this.user = user;
        authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static async Task<SimulatedUser> LoginAsync(HttpClient http, Uri server, Uri sandbox, string appId, string user)
    {
        using var codeResponse = await http.PostAsJsonAsync(new Uri(sandbox, $"sandbox/users/{Uri.EscapeDataString(user)}/login-code"), new { appid = appId });
        codeResponse.EnsureSuccessStatusCode();
        var code = (await codeResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        using var session = await http.PostAsJsonAsync(new Uri(server, "api/session"), new { code, appId });
        session.EnsureSuccessStatusCode();
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return new SimulatedUser(http, server, sandbox, user, token);
    }

    private static ByteArrayContent Json<T>(T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>create → (query) → (confirm); records the latencies when <paramref name="recorder"/> is given.</summary>
    public async Task RunOnceAsync(LoadOptions options, Recorder? recorder)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            // A body with its Content-Length, as wx.request sends it (JsonContent would stream it chunked).
            using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/orders")) { Content = Json(new { planId = options.Plan }) };
            create.Headers.Authorization = authorization;
            using var created = await http.SendAsync(create);
            var createdAt = Stopwatch.GetTimestamp();
            if (created.StatusCode != HttpStatusCode.Created)
            {
                recorder?.Error();
                return;
            }

            recorder?.Create.Add(start, createdAt);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            var outOrderNo = body.GetProperty("outOrderNo").GetString()!;
            if (options.Mode == LoadMode.Flow)
            {
                var queryStart = Stopwatch.GetTimestamp();
                using var query = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "api/orders/" + outOrderNo));
                query.Headers.Authorization = authorization;
                using var answer = await http.SendAsync(query);
                if (!answer.IsSuccessStatusCode)
                {
                    recorder?.Error();
                    return;
                }

                recorder?.Query.Add(queryStart, Stopwatch.GetTimestamp());
            }

            if (options.Confirm)
            {
                var confirmStart = Stopwatch.GetTimestamp();
                var package = body.GetProperty("openBusinessView").GetProperty("extraData").GetProperty("package").GetString();
                using var confirmed = await http.PostAsync(new Uri(sandbox, "sandbox/confirm"), Json(new { package, user }));
                if (!confirmed.IsSuccessStatusCode)
                {
                    recorder?.Error();
                    return;
                }

                recorder?.Confirm.Add(confirmStart, Stopwatch.GetTimestamp());
            }

            recorder?.Order.Add(start, Stopwatch.GetTimestamp());
            recorder?.Completed();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            recorder?.Error();
        }
    }
}
