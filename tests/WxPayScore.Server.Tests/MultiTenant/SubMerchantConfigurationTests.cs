using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>Start-up validation of sub-merchants, mini programs and configured devices: a wrong setting stops the start, naming its key.</summary>
public sealed class SubMerchantConfigurationTests : IAsyncLifetime
{
    private SandboxFixture sandbox = null!;

    public async Task InitializeAsync()
    {
        sandbox = new SandboxFixture();
        await sandbox.InitializeAsync();
    }

    public Task DisposeAsync() => sandbox.DisposeAsync();

    [Theory]
    [InlineData("PayScore:SubMerchants:metro:SubMchId", MultiTenantSetup.MallSubMchId, "also the SubMchId of PayScore:SubMerchants:mall")]
    [InlineData("PayScore:SubMerchants:metro:SubAppId", "wx9999999999999999", "MiniPrograms:wx9999999999999999:AppSecret")]
    [InlineData("PayScore:SubMerchants:metro:SubMchId", "not-digits", "PayScore:SubMerchants:metro:SubMchId")]
    [InlineData("PayScore:SubMchId", TestKeys.SubMchId, "PayScore:SubMchId and PayScore:SubMerchants are both set")]
    [InlineData("PayScore:SubMerchants:metro:Plans:umbrella-daily:Fees:0:Name", null, "PayScore:SubMerchants:metro:Plans:umbrella-daily:Fees")]
    [InlineData("MiniPrograms:wxb0b1b2b3b4b5b6b7:AppSecret", "", "MiniPrograms:wxb0b1b2b3b4b5b6b7:AppSecret is required")]
    [InlineData("Devices:PB-A-001:SubMerchant", "nobody", "Devices:PB-A-001:SubMerchant")]
    [InlineData("Devices:PB-A-001:Plans:0", "no-such-plan", "Devices:PB-A-001:Plans")]
    public async Task A_wrong_multi_tenant_setting_fails_at_start_up_naming_it(string key, string? value, string expected)
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(sandbox.Host, storage, s =>
        {
            MultiTenantSetup.MultiTenant(s);
            if (value is null)
            {
                s.Remove(key);
                s.Remove(key.Replace(":Name", ":Description", StringComparison.Ordinal));
            }
            else
            {
                s[key] = value;
            }
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_single_tenant_settings_start_as_one_sub_merchant_that_takes_orders_without_a_device()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        await using var server = await ServerHost.StartAsync(sandbox.Host, storage);
        var alice = await TestClient.LoginAsync(server, sandbox.Host, "alice");
        var order = await alice.CreateOrderAsync();
        var stored = (await server.FindOrderAsync(order.OutOrderNo))!;
        Assert.Equal(("default", TestKeys.SubMchId, (string?)null), (stored.SubMerchantKey, stored.SubMchId, stored.DeviceId));
        Assert.Equal("A座大堂", stored.StartLocation);
    }
}
