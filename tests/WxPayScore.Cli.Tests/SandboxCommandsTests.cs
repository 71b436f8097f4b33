using WxPayScore.Cli.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests;

/// <summary>The sandbox commands over HTTP against the running sandbox.</summary>
[Collection(CliTestGroup.Name)]
public sealed class SandboxCommandsTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Reject_leaves_the_order_created_and_spends_the_package()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        var workspace = fixture.Workspace();

        var rejected = await Tool.RunAsync(workspace, "sandbox", "reject", "--package", package, "--json");
        var confirmAfter = await Tool.RunAsync(workspace, "sandbox", "confirm", "--package", package, "--json");
        var (_, otherPackage) = await fixture.CreateOrderAsync();
        var refused = await Tool.RunAsync(workspace, "sandbox", "reject", "--package", otherPackage, "--refuse");

        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        Assert.Equal("rejected", rejected.Json["outcome"]!.GetValue<string>());
        Assert.Equal("CREATED", fixture.Sandbox.Control.GetOrder(TestKeys.SubMchId, outOrderNo).Status);
        Assert.Equal(1, confirmAfter.ExitCode);
        Assert.Equal("INVALID_PACKAGE", confirmAfter.Json["error"]!["code"]!.GetValue<string>());
        Assert.True(refused.ExitCode == 0, refused.ToString());
        Assert.Contains("refused", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advance_moves_the_business_clock_and_expires_old_orders()
    {
        var (outOrderNo, _) = await fixture.CreateOrderAsync();
        var before = fixture.Sandbox.Control.GetClock().OffsetSeconds;

        var advanced = await Tool.RunAsync(fixture.Workspace(), "sandbox", "advance", "30d1h", "--json");

        Assert.True(advanced.ExitCode == 0, advanced.ToString());
        Assert.Equal(before + (30 * 86_400) + 3_600, advanced.Json["clock"]!["offset_seconds"]!.GetValue<long>());
        Assert.Equal("EXPIRED", fixture.Sandbox.Control.GetOrder(TestKeys.SubMchId, outOrderNo).Status);
    }

    [Fact]
    public async Task Faults_are_added_listed_felt_and_cleared()
    {
        var (outOrderNo, _) = await fixture.CreateOrderAsync();
        var workspace = fixture.Workspace();
        try
        {
            var added = await Tool.RunAsync(workspace, "sandbox", "fault", "add", "--endpoint", "query", "--kind", "frequency_limited", "--count", "2", "--json");
            var listed = await Tool.RunAsync(workspace, "sandbox", "fault", "list", "--json");
            var felt = await Tool.RunAsync(workspace, "orders", "get", outOrderNo, "--set", "WeChatPay:MaxRetries=0", "--json");
            var cleared = await Tool.RunAsync(workspace, "sandbox", "fault", "clear");
            var empty = await Tool.RunAsync(workspace, "sandbox", "fault", "list", "--json");
            var works = await Tool.RunAsync(workspace, "orders", "get", outOrderNo, "--set", "WeChatPay:MaxRetries=0", "--json");

            Assert.True(added.ExitCode == 0, added.ToString());
            Assert.Equal("frequency_limited", added.Json["fault"]!["kind"]!.GetValue<string>());
            Assert.Single(listed.Json["faults"]!.AsArray());
            Assert.Equal(1, felt.ExitCode);
            Assert.Equal("FREQUENCY_LIMITED", felt.Json["error"]!["wechat_code"]!.GetValue<string>());
            Assert.Equal(0, cleared.ExitCode);
            Assert.Empty(empty.Json["faults"]!.AsArray());
            Assert.True(works.ExitCode == 0, works.ToString());
        }
        finally
        {
            fixture.Sandbox.Control.ClearFaults();
        }
    }

    [Fact]
    public async Task Notifications_list_the_callbacks_of_an_order_and_resend_delivers_again()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        var workspace = fixture.Workspace();
        await Tool.RunAsync(workspace, "sandbox", "confirm", "--package", package);

        var listed = await Tool.RunAsync(workspace, "sandbox", "notifications", "--wait", "--order", outOrderNo, "--json");
        var id = listed.Json["notifications"]![0]!["id"]!.GetValue<string>();
        var deliveredBefore = fixture.Inbox.Received.Count;
        var resent = await Tool.RunAsync(workspace, "sandbox", "resend", id, "--json");
        var human = await Tool.RunAsync(workspace, "sandbox", "notifications", "--order", outOrderNo);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var notification = Assert.Single(listed.Json["notifications"]!.AsArray());
        Assert.Equal("PAYSCORE.USER_CONFIRM", notification!["event_type"]!.GetValue<string>());
        Assert.True(resent.ExitCode == 0, resent.ToString());
        var attempts = resent.Json["notification"]!["attempts"]!.AsArray();
        Assert.Equal("resend", attempts[^1]!["kind"]!.GetValue<string>());
        Assert.Equal(204, attempts[^1]!["status_code"]!.GetValue<int>());
        Assert.True(fixture.Inbox.Received.Count > deliveredBefore);
        Assert.Contains(id, human.Output, StringComparison.Ordinal);
        Assert.Contains("last: resend → 204", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_commands_refuse_wechats_real_host()
    {
        var workspace = fixture.Workspace(s => s["WeChatPay:BaseUrl"] = "https://api.mch.weixin.qq.com");

        var result = await Tool.RunAsync(workspace, "sandbox", "fault", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is WeChat Pay itself", result.Error, StringComparison.Ordinal);
    }
}
