using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Persistence;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The server as <c>dotnet run</c> starts it on a fresh machine: no credentials → embedded sandbox, generated keys,
/// SQLite in the data folder, demo/dashboard/docs served, URLs in the start-up log.
/// </summary>
public sealed class EmbeddedModeTests
{
    private static Dictionary<string, string?> EmbeddedSettings(string dataPath, string sandboxUrls = "http://127.0.0.1:0") => new()
    {
        ["urls"] = $"http://127.0.0.1:{ServerHost.FreePort()}",
        ["Server:DataPath"] = dataPath,
        ["Sandbox:Urls"] = sandboxUrls,
        ["Sandbox:Persistence"] = "Memory",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:WxPayScore"] = "Information",
    };

    /// <summary>As <c>dotnet run</c> starts it: the Development environment (launchSettings.json), no Server:Mode.</summary>
    private static Task<ServerHost> StartEmbeddedAsync(Dictionary<string, string?> settings) => ServerHost.StartAsync(settings, environment: "Development");

    [Fact]
    public async Task Without_credentials_the_server_runs_the_whole_flow_on_its_embedded_sandbox()
    {
        var data = TempFolders.Create("embedded");
        await using var server = await StartEmbeddedAsync(EmbeddedSettings(data));
        var sandbox = server.Services.GetRequiredService<EmbeddedSandbox>();

        var log = server.Logs.Text;
        Assert.Contains("EMBEDDED SANDBOX MODE", log, StringComparison.Ordinal);
        Assert.Contains(sandbox.Host.BaseUrl.ToString(), log, StringComparison.Ordinal);
        Assert.Contains($"Demo:      {server.BaseUrl.ToString().TrimEnd('/')}/", log, StringComparison.Ordinal);
        Assert.Contains("/admin", log, StringComparison.Ordinal);
        Assert.Contains("/docs", log, StringComparison.Ordinal);
        Assert.Contains(sandbox.Identity.AdminApiKey, log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "embedded", "apiclient_key.pem")), "the merchant key is generated into the data folder");
        Assert.True(File.Exists(Path.Combine(data, "wxpayscore.db")), "SQLite lives in the data folder");

        var config = await server.Http.GetFromJsonAsync<JsonElement>("api/demo/config");
        Assert.Equal(sandbox.Identity.AppId, config.GetProperty("appId").GetString());
        Assert.StartsWith(sandbox.Host.BaseUrl.ToString(), config.GetProperty("confirmPageUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("alice", config.GetProperty("user").GetString());

        using var codeResponse = await server.Http.PostAsJsonAsync("api/demo/login-code", new { user = "alice" });
        var code = (await codeResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        // Two mini programs in embedded mode (the provider's and the metro sub-merchant's): the session names its AppID.
        using var sessionResponse = await server.Http.PostAsJsonAsync("api/session", new { code, appId = config.GetProperty("appId").GetString() });
        Assert.Equal(HttpStatusCode.OK, sessionResponse.StatusCode);
        var token = (await sessionResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        using var create = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(new { planId = "powerbank-hourly" }) };
        create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var created = await server.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        var package = order.GetProperty("openBusinessView").GetProperty("extraData").GetProperty("package").GetString()!;
        var outOrderNo = order.GetProperty("outOrderNo").GetString()!;

        // The sandbox delivers the confirm callback to this server's own /notify/payscore.
        sandbox.Host.Control.Confirm(package, "alice");
        await Eventually.WaitAsync(() => server.FindOrderAsync(outOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "the USER_CONFIRM callback");

        using var admin = new HttpRequestMessage(HttpMethod.Get, "admin/api/orders");
        admin.Headers.TryAddWithoutValidation("X-Api-Key", sandbox.Identity.AdminApiKey);
        using var list = await server.Http.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task The_demo_dashboard_docs_health_and_front_end_are_served()
    {
        await using var server = await StartEmbeddedAsync(EmbeddedSettings(TempFolders.Create("embedded")));

        var home = await server.Http.GetStringAsync("");
        Assert.Contains("WxPayScore demo", home, StringComparison.Ordinal);
        Assert.Contains("/miniprogram/payscore/payscore.js", home, StringComparison.Ordinal);
        foreach (var path in new[] { "miniprogram/payscore/payscore.js", "miniprogram/payscore/order-text.js", "miniprogram/browser/wx-browser.js", "miniprogram/web/demo.js", "miniprogram/web/index.html" })
        {
            using var response = await server.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, path);
        }

        using (var test = await server.Http.GetAsync("miniprogram/test/payscore.test.js"))
        {
            Assert.Equal(HttpStatusCode.NotFound, test.StatusCode);
        }

        // The page has no inline script or style (a CSP without 'unsafe-inline' holds): they come from /admin/dashboard.js and .css.
        var page = await server.Http.GetStringAsync("admin");
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);
        var dashboard = page + await server.Http.GetStringAsync("admin/dashboard.js") + await server.Http.GetStringAsync("admin/dashboard.css");
        foreach (var id in new[] { "id=\"api-key\"", "id=\"orders\"", "id=\"chart\"", "id=\"timeline\"", "data-out-order-no", "+08:00", "id=\"rejected-counts\"" })
        {
            Assert.Contains(id, dashboard, StringComparison.Ordinal);
        }

        Assert.Contains("data-out-order-no", await server.Http.GetStringAsync("admin/dashboard.js"), StringComparison.Ordinal);

        Assert.DoesNotContain("https://", dashboard.Replace("https://wxpayscore", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        using var docs = await server.Http.GetAsync("docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var openApi = await server.Http.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/session", "/api/plans", "/api/orders", "/api/orders/{outOrderNo}", "/api/orders/by-query-id/{queryId}", "/notify/payscore", "/admin/api/orders/{outOrderNo}/complete" })
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }

        using var healthRequest = new HttpRequestMessage(HttpMethod.Get, "health/ready");
        healthRequest.Headers.TryAddWithoutValidation("X-Api-Key", server.Services.GetRequiredService<EmbeddedSandbox>().Identity.AdminApiKey);
        using var health = await server.Http.SendAsync(healthRequest);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("wechatpay").GetProperty("status").GetString());

        var plans = await server.Http.GetFromJsonAsync<JsonElement>("api/plans");
        var plan = plans.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "powerbank-hourly");
        Assert.Equal("充电宝租借", plan.GetProperty("serviceIntroduction").GetString());
        Assert.Equal(9900, plan.GetProperty("riskFund").GetProperty("amount").GetInt64());
        Assert.Equal("3元/小时", plan.GetProperty("fees")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task When_the_sandbox_port_is_taken_a_free_one_is_used()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var server = await StartEmbeddedAsync(EmbeddedSettings(TempFolders.Create("embedded"), $"http://127.0.0.1:{taken}"));
        var sandbox = server.Services.GetRequiredService<EmbeddedSandbox>();
        Assert.NotEqual(taken, sandbox.Host.BaseUrl.Port);
        Assert.Contains("is taken", server.Logs.Text, StringComparison.Ordinal);
        using var health = await server.Http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_restart_on_the_same_data_folder_keeps_keys_and_orders()
    {
        var data = TempFolders.Create("embedded");
        string adminKey;
        await using (var first = await StartEmbeddedAsync(EmbeddedSettings(data)))
        {
            adminKey = first.Services.GetRequiredService<EmbeddedSandbox>().Identity.AdminApiKey;
        }

        await using var second = await StartEmbeddedAsync(EmbeddedSettings(data));
        Assert.Equal(adminKey, second.Services.GetRequiredService<EmbeddedSandbox>().Identity.AdminApiKey);
    }
}
