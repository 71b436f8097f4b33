using System.Net;
using System.Text.Json;
using WxPayScore.Publish.Tests.Infrastructure;

namespace WxPayScore.Publish.Tests;

/// <summary>
/// <c>dotnet publish src/WxPayScore.Server</c> runs from its folder: front end (miniprogram/), dashboard, migrations and
/// appsettings travel with it. Each publish is started as a process on 127.0.0.1 in embedded mode and must answer
/// /health, the demo page, the front-end files and /admin.
/// </summary>
public sealed class PublishedServerTests
{
    [Fact]
    public async Task The_published_folder_runs_with_dotnet()
    {
        var output = TempFolders.Create("publish");
        await Dotnet.PublishAsync(output);

        Assert.True(File.Exists(Path.Combine(output, "WxPayScore.Server.dll")));
        AssertLayout(output);
        await using var server = await PublishedServer.StartAsync(Dotnet.Host, Path.Combine(output, "WxPayScore.Server.dll"));
        await AssertServesAsync(server);
    }

    [Fact]
    public async Task The_self_contained_single_file_linux_x64_publish_runs_alone()
    {
        var output = TempFolders.Create("publish-single-file");
        await Dotnet.PublishAsync(output, "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true");

        var executable = Path.Combine(output, "WxPayScore.Server");
        Assert.True(File.Exists(executable), "the single-file executable");
        Assert.False(File.Exists(Path.Combine(output, "WxPayScore.Server.dll")), "the assemblies are bundled into the executable");
        Assert.False(File.Exists(Path.Combine(output, "WxPayScore.dll")), "the SDK is bundled into the executable");
        AssertLayout(output);
        await using var server = await PublishedServer.StartAsync(executable);
        await AssertServesAsync(server);
    }

    private static void AssertLayout(string output)
    {
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "appsettings.json");
        foreach (var file in new[] { "payscore/payscore.js", "payscore/order-text.js", "browser/wx-browser.js", "web/index.html", "web/demo.js" })
        {
            Assert.True(File.Exists(Path.Combine(output, "frontend", "miniprogram", file)), "front-end file " + file);
        }

        Assert.False(Directory.Exists(Path.Combine(output, "frontend", "miniprogram", "test")), "the mini program's tests are not published");
        Assert.False(Directory.Exists(Path.Combine(output, "frontend", "miniprogram", "node_modules")), "node_modules is not published");
    }

    private static async Task AssertServesAsync(PublishedServer server)
    {
        Assert.Contains("EMBEDDED SANDBOX MODE", server.Output, StringComparison.Ordinal);

        // Outside Development an embedded server says so, and is one only because it was told (Server:Mode=Embedded).
        Assert.Contains("Server:Mode=Embedded", server.Output, StringComparison.Ordinal);

        // /health/ready with the admin key: the database (SQLite in the data folder, schema from the migrations) and WeChat Pay (the embedded sandbox).
        var adminKey = (await File.ReadAllTextAsync(Path.Combine(server.DataPath, "embedded", "admin-api-key.txt"))).Trim();
        using var ready = new HttpRequestMessage(HttpMethod.Get, "health/ready");
        ready.Headers.TryAddWithoutValidation("X-Api-Key", adminKey);
        using var health = await server.Http.SendAsync(ready);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(server.DataPath, "wxpayscore.db")), "SQLite lives in the data folder");

        var demo = await server.Http.GetStringAsync("");
        Assert.Contains("WxPayScore demo", demo, StringComparison.Ordinal);
        using (var script = await server.Http.GetAsync("miniprogram/payscore/payscore.js"))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        var dashboard = await server.Http.GetStringAsync("admin");
        Assert.Contains("id=\"orders\"", dashboard, StringComparison.Ordinal);
        using (var script = await server.Http.GetAsync("admin/dashboard.js"))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        var plans = JsonDocument.Parse(await server.Http.GetStringAsync("api/plans")).RootElement;
        Assert.True(plans.GetArrayLength() > 0, "the plans come from the published appsettings.json");
    }
}
