using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task Legacy_answers_are_200_with_the_order_instead_of_204()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.LegacyCompleteResponse = true;
            o.CollectionMode = "FailUntilMerchant";
        });
        await using var merchant = MerchantClient.For(sandbox.Host);
        var no = await Scenario.ConfirmedAsync(sandbox, merchant);
        var completed = await merchant.Orders.CompleteAsync(no, Requests.Complete(sandbox.Control));
        Assert.NotNull(completed);
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, completed.Status.Phase);
        var cancelled = await merchant.Orders.CancelAsync(no, Requests.Cancel());
        Assert.Equal("REVOKED", cancelled!.State);
    }

    [Fact]
    public void A_configured_retry_schedule_replaces_the_default_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Persistence"] = "Sqlite",
            ["Sandbox:NotificationRetrySeconds:0"] = "1",
            ["Sandbox:NotificationRetrySeconds:1"] = "2",
            ["Sandbox:ServiceProviders:0:MchId"] = "1230000109",
            ["Sandbox:ServiceProviders:0:SubMchIds:0"] = "1900000109",
        }).Build();
        var options = new SandboxOptions();
        SandboxServiceCollectionExtensions.BindSection(configuration.GetSection("Sandbox"), options);
        Assert.Equal([1, 2], options.NotificationRetrySeconds);
        Assert.Equal("Sqlite", options.Persistence);
        Assert.Equal(["1900000109"], options.ServiceProviders[0].SubMchIds);
    }

    [Fact]
    public async Task A_misconfigured_merchant_stops_the_start_with_a_message_naming_the_setting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSandbox.StartAsync(o => o.ServiceProviders[0].ApiV3Key = "short"));
        Assert.Contains("Sandbox:ServiceProviders:0:ApiV3Key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_APIv2_key_that_is_set_must_have_32_characters()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSandbox.StartAsync(o => o.ServiceProviders[0].ApiV2Key = "short"));
        Assert.Contains("Sandbox:ServiceProviders:0:ApiV2Key", ex.Message, StringComparison.Ordinal);
    }
}
