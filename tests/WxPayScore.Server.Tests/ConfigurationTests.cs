using System.Net;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>Start-up configuration: half-configured real mode and bad plans fail naming the setting; demo helpers only in embedded mode.</summary>
public sealed class ConfigurationTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture sandbox;

    public ConfigurationTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    [Fact]
    public async Task A_half_configured_real_mode_fails_at_start_up_naming_the_missing_settings()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{ServerHost.FreePort()}",
            ["Server:DataPath"] = TempFolders.Create("half"),
            ["WeChatPay:MchId"] = TestKeys.MchId,
            ["WeChatPay:ApiV3Key"] = TestKeys.ApiV3Key,
        }));
        foreach (var setting in new[] { "WeChatPay:MerchantSerialNumber", "WeChatPay:PrivateKeyPath", "WeChatPay:PublicKeyId", "PayScore:ServiceId", "PayScore:NotifyUrl", "MiniProgram:AppSecret", "Admin:ApiKey" })
        {
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("WeChatPay:ApiV3Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_value_in_real_mode_fails_at_start_up_naming_it()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(sandbox.Host, storage, s => s["WeChatPay:ApiV3Key"] = "too-short"));
        Assert.Contains("WeChatPay:ApiV3Key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reconciler:ReadOnlyCallRetention", "-1.00:00:00")]
    [InlineData("Reconciler:ReadOnlyCallRetention", "00:00:00.500")]
    [InlineData("Reconciler:BatchSize", "0")]
    public async Task A_wrong_reconciler_setting_fails_at_start_up_naming_it(string setting, string value)
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(sandbox.Host, storage, s => s[setting] = value));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_plan_fails_at_start_up_naming_it()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(sandbox.Host, storage,
            s => s["PayScore:Plans:powerbank-hourly:ServiceIntroduction"] = "一个远远超过二十个字符长度限制的服务介绍文字内容测试"));
        Assert.Contains("PayScore:Plans:powerbank-hourly", error.Message, StringComparison.Ordinal);
        Assert.Contains("service_introduction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_helpers_are_404_with_real_credentials()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        await using var server = await ServerHost.StartAsync(sandbox.Host, storage);
        using var config = await server.Http.GetAsync("api/demo/config");
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
        Assert.Equal("application/problem+json", config.Content.Headers.ContentType?.MediaType);
        using var code = await server.Http.PostAsync("api/demo/login-code", new StringContent("{\"user\":\"alice\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, code.StatusCode);
        Assert.Contains("Real WeChat Pay mode", server.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerSecrets.AdminKey, server.Logs.Text, StringComparison.Ordinal);
    }
}
