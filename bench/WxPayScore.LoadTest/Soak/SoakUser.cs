using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WxPayScore.LoadTest.Soak;

/// <summary>
/// One simulated user and the merchant's side of their orders: log in (sandbox wx.login code → <c>/api/session</c>),
/// then, order after order: create; confirm on the Pay Score page (sandbox) or abandon it; query by <c>query_id</c> or by
/// number; the merchant completes (and sometimes lowers the amount), or cancels, through the admin API.
/// </summary>
internal sealed class SoakUser
{
    private readonly HttpClient http;
    private readonly Uri server;
    private readonly Uri sandbox;
    private readonly string appId;
    private readonly string adminKey;
    private readonly string user;
    private readonly SoakStats stats;
    private readonly Func<SoakWindow> windowNow;
    private readonly Random random;
    private AuthenticationHeaderValue? authorization;

    public SoakUser(HttpClient http, Uri server, Uri sandbox, string appId, string adminKey, string user, SoakStats stats, Func<SoakWindow> windowNow, int seed)
    {
        this.http = http;
        this.server = server;
        this.sandbox = sandbox;
        this.appId = appId;
        this.adminKey = adminKey;
        this.user = user;
        this.stats = stats;
        this.windowNow = windowNow;
        random = new Random(seed);
    }

    public async Task RunAsync(ConcurrentQueue<OrderAttempt> book, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (authorization is null)
                {
                    await LoginAsync();
                    continue;
                }

                var attempt = new OrderAttempt { User = user };
                book.Enqueue(attempt);
                await OrderAsync(attempt);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private async Task LoginAsync()
    {
        using var codeResponse = await http.PostAsJsonAsync(new Uri(sandbox, $"sandbox/users/{Uri.EscapeDataString(user)}/login-code"), new { appid = appId });
        codeResponse.EnsureSuccessStatusCode();
        var code = (await codeResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        using var answer = await SendAsync("session", HttpMethod.Post, "api/session", new { code }, admin: false);
        if (answer is { StatusCode: HttpStatusCode.OK })
        {
            var token = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            await Task.Delay(1000);
        }
    }

    private async Task OrderAsync(OrderAttempt attempt)
    {
        using var created = await SendAsync("create", HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" }, admin: false);
        if (created is null)
        {
            await Task.Delay(1000);
            return;
        }

        var body = await ReadAsync(created);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            if ((int)created.StatusCode >= 500 && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("outOrderNo", out var pending))
            {
                attempt.OutOrderNo = pending.GetString();
                attempt.ToldPending = true;
            }

            // The user taps again a little later, as a person would.
            await Task.Delay(1000);
            return;
        }

        var no = body.GetProperty("outOrderNo").GetString()!;
        attempt.OutOrderNo = no;
        attempt.ToldCreated = true;
        var package = body.GetProperty("openBusinessView").GetProperty("extraData").GetProperty("package").GetString();

        if (random.NextDouble() < 0.8)
        {
            // The Pay Score page: the user confirms; the in-page return hands back query_id.
            using var confirmed = await http.PostAsJsonAsync(new Uri(sandbox, "sandbox/confirm"), new { package, user });
            if (!confirmed.IsSuccessStatusCode)
            {
                return;
            }

            attempt.Confirmed = true;
            var queryId = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("query_id").GetString()!;
            using (await SendAsync("query", HttpMethod.Get, random.NextDouble() < 0.5 ? "api/orders/by-query-id/" + Uri.EscapeDataString(queryId) : "api/orders/" + no, null, admin: false))
            {
            }

            if (random.NextDouble() < 0.85)
            {
                var amount = 100L * random.Next(1, 99);
                if (await AdminAsync("complete", no, new
                    {
                        fees = new[] { new { name = "租借费用", amount, description = "3元/小时", count = 1 } },
                        totalAmount = amount,
                    }))
                {
                    attempt.ToldCompleted = true;
                    if (random.NextDouble() < 0.3)
                    {
                        amount -= 100;
                        attempt.ToldModified = await AdminAsync("modify", no, new
                        {
                            fees = new[] { new { name = "租借费用", amount, description = "3元/小时", count = 1 } },
                            totalAmount = amount,
                            reason = "归还时间更正",
                        });
                    }

                    await PaymentAsync(attempt, no, amount);
                }
            }
            else
            {
                attempt.ToldCancelled = await AdminAsync("cancel", no, new { reason = "用户未使用" });
            }
        }
        else if (random.NextDouble() < 0.5)
        {
            // Abandoned on the Pay Score page; the merchant cancels it (the rest stay CREATED).
            attempt.ToldCancelled = await AdminAsync("cancel", no, new { reason = "用户放弃" });
        }

        using (await SendAsync("query", HttpMethod.Get, "api/orders/" + no, null, admin: false))
        {
        }
    }

    /// <summary>
    /// Before the sandbox collects (3 s after completion): 15 % of the users' payments fail, and the merchant asks Pay Score to
    /// collect again (<c>pay</c>) or records that the user paid another way (<c>sync</c>); 15 % pay ¥1 first (a partial
    /// collection: two <c>USER_PAID</c> callbacks); the rest pay when the sandbox collects.
    /// </summary>
    private async Task PaymentAsync(OrderAttempt attempt, string no, long amount)
    {
        var roll = random.NextDouble();
        var payment = new Uri(sandbox, $"sandbox/orders/1900000109/{no}/payment");
        if (roll < 0.15)
        {
            using var failed = await http.PostAsJsonAsync(payment, new { succeed = false });
            if (failed.IsSuccessStatusCode)
            {
                attempt.PaymentFailed = true;
                if (random.NextDouble() < 0.5)
                {
                    attempt.ToldPayAgain = await AdminAsync("pay", no, new { });
                }
                else
                {
                    attempt.ToldSynced = await AdminAsync("sync", no, new { });
                }
            }
        }
        else if (roll < 0.30 && amount > 100)
        {
            using var part = await http.PostAsJsonAsync(payment, new { succeed = true, amount = 100 });
            attempt.PaidInParts = part.IsSuccessStatusCode;
        }
    }

    /// <summary>An admin action; a 5xx or 409 (the order not there yet, e.g. the confirmation not applied) is tried again, up to 3 times.</summary>
    private async Task<bool> AdminAsync(string action, string no, object body)
    {
        for (var i = 0; i < 4; i++)
        {
            using var answer = await SendAsync(action, HttpMethod.Post, $"admin/api/orders/{no}/{action}", body, admin: true);
            if (answer is { StatusCode: HttpStatusCode.OK })
            {
                return true;
            }

            if (answer is not null && (int)answer.StatusCode < 500 && answer.StatusCode != HttpStatusCode.Conflict)
            {
                return false;
            }

            await Task.Delay(500 * (i + 1));
        }

        return false;
    }

    private async Task<HttpResponseMessage?> SendAsync(string operation, HttpMethod method, string path, object? body, bool admin)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (admin)
        {
            request.Headers.Add("X-Api-Key", adminKey);
        }
        else if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        var window = windowNow();
        var start = Stopwatch.GetTimestamp();
        try
        {
            var answer = await http.SendAsync(request);
            var ok = answer.IsSuccessStatusCode;
            if ((int)answer.StatusCode >= 500)
            {
                await answer.Content.LoadIntoBufferAsync();
                stats.ServerError($"{(int)answer.StatusCode} {operation}: {await CauseAsync(answer)}");
            }

            stats.Add(window, start, Stopwatch.GetTimestamp(), ok);
            return answer;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            stats.Add(window, start, Stopwatch.GetTimestamp(), success: false);
            stats.ServerError($"--- {operation}: no answer ({ex.GetType().Name})");
            return null;
        }
    }

    private static async Task<string> CauseAsync(HttpResponseMessage answer)
    {
        if (answer.Headers.TryGetValues(RoundRobinBalancer.CauseHeader, out var cause))
        {
            return "balancer, " + string.Join(',', cause);
        }

        var body = await ReadAsync(answer);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "(no problem body)";
        }

        var title = body.TryGetProperty("title", out var t) ? t.GetString() : null;
        var code = body.TryGetProperty("wechatCode", out var c) ? c.GetString() : null;
        return code is null ? title ?? "(untitled)" : $"{title} [{code}]";
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage answer)
    {
        try
        {
            return await answer.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
