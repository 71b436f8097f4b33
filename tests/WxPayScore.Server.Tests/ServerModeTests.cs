using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// <c>Server:Mode</c>: outside Development an unset mode means Real, and missing real settings stop start-up naming
/// them and Server:Mode; Embedded must be explicit there (with a warning); demo helpers only in embedded mode.
/// </summary>
public sealed class ServerModeTests
{
    private static Dictionary<string, string?> Bare(string? mode = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{ServerHost.FreePort()}",
            ["Server:DataPath"] = TempFolders.Create("mode"),
            ["Sandbox:Urls"] = "http://127.0.0.1:0",
            ["Sandbox:Persistence"] = "Memory",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:WxPayScore"] = "Information",
        };
        if (mode is not null)
        {
            settings["Server:Mode"] = mode;
        }

        return settings;
    }

    [Fact]
    public async Task In_production_without_WeChat_settings_start_up_fails_naming_Server_Mode_and_the_missing_settings()
    {
        var data = Bare();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(data, environment: "Production"));
        Assert.Contains("Server:Mode", error.Message, StringComparison.Ordinal);
        foreach (var setting in new[] { "WeChatPay:MchId", "WeChatPay:MerchantSerialNumber", "WeChatPay:ApiV3Key", "PayScore:NotifyUrl", "MiniProgram:AppSecret", "Admin:ApiKey" })
        {
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(data["Server:DataPath"]!, EmbeddedSandboxSetup.FolderName)), "no sandbox was started, no key generated");
    }

    [Fact]
    public async Task Server_Mode_Real_in_development_without_settings_fails_too()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(Bare("Real"), environment: "Development"));
        Assert.Contains("Server:Mode is Real", error.Message, StringComparison.Ordinal);
        Assert.Contains("WeChatPay:MchId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_mode_fails_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(Bare("Fake"), environment: "Development"));
        Assert.Contains("Server:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embedded or Real", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_embedded_mode_outside_development_runs_the_sandbox_with_a_warning()
    {
        await using var server = await ServerHost.StartAsync(Bare("Embedded"), environment: "Staging");
        Assert.NotNull(server.Services.GetService<EmbeddedSandbox>());
        Assert.Contains("Server:Mode is Embedded in the Staging environment", server.Logs.Text, StringComparison.Ordinal);
        using var config = await server.Http.GetAsync("api/demo/config");
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
    }

    [Fact]
    public async Task Development_without_a_mode_keeps_the_embedded_demo_without_the_warning()
    {
        await using var server = await ServerHost.StartAsync(Bare(), environment: "Development");
        Assert.NotNull(server.Services.GetService<EmbeddedSandbox>());
        Assert.DoesNotContain("Server:Mode is Embedded in the", server.Logs.Text, StringComparison.Ordinal);
        var config = await server.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/demo/config");
        Assert.False(string.IsNullOrEmpty(config.GetProperty("appId").GetString()));
    }
}
