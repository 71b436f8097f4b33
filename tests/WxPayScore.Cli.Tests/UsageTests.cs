using WxPayScore.Cli.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests;

/// <summary>Exit code 2 for usage and configuration errors; configuration read from the same sources as the server.</summary>
[Collection(CliTestGroup.Name)]
public sealed class UsageTests(SandboxFixture fixture)
{
    [Theory]
    [InlineData("no-such-command")]
    [InlineData("orders")]
    [InlineData("orders", "complete", "X123456")]
    [InlineData("sandbox", "advance", "soon")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var result = await Tool.RunAsync(fixture.Workspace(), args);

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        var result = await Tool.RunAsync(fixture.Workspace(), "doctor", "--config", "missing.json", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("usage", result.Json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Orders_without_service_id_are_a_configuration_error()
    {
        var result = await Tool.RunAsync(fixture.Workspace(s => s.Remove("PayScore:ServiceId")), "orders", "get", "X1234567");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PayScore:ServiceId is not set", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_file_environment_and_flags_override_appsettings_in_that_order()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:MchId"] = "1111111111");
        var configFile = Path.Combine(workspace, "other.json");
        await File.WriteAllTextAsync(configFile, """{ "WeChatPay": { "MerchantSerialNumber": "5157F09EFDC096DE15EBE81A47057A7232F1B8E1" } }""");

        var fromFile = await Tool.RunAsync(workspace, "doctor", "--json", "--offline");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["WeChatPay__MchId"] = TestKeys.MchId };
        var console = new WxPayScore.Cli.Infrastructure.CliConsole(output, error, new StringReader(string.Empty), workspace, environment);
        var fromEnvironment = await CliApplication.RunAsync(["doctor", "--json"], console);
        var withConfig = await Tool.RunAsync(workspace, "doctor", "--json", "--mch-id", TestKeys.MchId, "--config", configFile);

        Assert.Equal("1111111111", fromFile.Json["mchid"]!.GetValue<string>());
        Assert.True(fromEnvironment == 0, output + error.ToString());
        Assert.Equal(1, withConfig.ExitCode);
        Assert.Equal("sign_error", withConfig.Json["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "probe")!["diagnosis"]!.GetValue<string>());
    }

    [Fact]
    public async Task Relative_key_paths_resolve_against_the_current_folder()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:PrivateKeyPath"] = Path.GetRelativePath(Path.Combine(fixture.Root, "ws-x"), fixture.PrivateKeyPath));

        var result = await Tool.RunAsync(workspace, "doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
