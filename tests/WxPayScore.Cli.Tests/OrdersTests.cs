using WxPayScore.Cli.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests;

/// <summary>The orders commands end to end against the sandbox (orders created by the SDK, as a merchant server does).</summary>
[Collection(CliTestGroup.Name)]
public sealed class OrdersTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Get_and_by_query_id_show_the_verified_order()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        var workspace = fixture.Workspace();

        var created = await Tool.RunAsync(workspace, "orders", "get", outOrderNo, "--json");
        var confirmation = await Tool.RunAsync(workspace, "sandbox", "confirm", "--package", package, "--user", "bob", "--json");
        var queryId = confirmation.Json["confirmation"]!["query_id"]!.GetValue<string>();
        var byQueryId = await Tool.RunAsync(workspace, "orders", "by-query-id", queryId, "--json");
        var human = await Tool.RunAsync(workspace, "orders", "get", outOrderNo);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("CREATED", created.Json["order"]!["state"]!.GetValue<string>());
        Assert.Equal(9900, created.Json["order"]!["risk_fund"]!["amount"]!.GetValue<long>());
        Assert.True(byQueryId.ExitCode == 0, byQueryId.ToString());
        Assert.Equal(outOrderNo, byQueryId.Json["order"]!["out_order_no"]!.GetValue<string>());
        Assert.Equal("UserConfirmed", byQueryId.Json["phase"]!.GetValue<string>());
        Assert.Equal(confirmation.Json["confirmation"]!["openid"]!.GetValue<string>(), byQueryId.Json["order"]!["openid"]!.GetValue<string>());
        Assert.Contains("state                  DOING/USER_CONFIRM (UserConfirmed)", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_order_is_wechats_typed_error_with_exit_1()
    {
        var result = await Tool.RunAsync(fixture.Workspace(), "orders", "get", "NOSUCHORDER0001", "--json");

        Assert.Equal(1, result.ExitCode);
        var error = result.Json["error"]!;
        Assert.Equal("wechatpay_error", error["code"]!.GetValue<string>());
        Assert.Equal(404, error["status"]!.GetValue<int>());
        Assert.Equal("ORDER_NOT_EXIST", error["wechat_code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["request_id"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Complete_asks_first_and_sends_nothing_when_declined()
    {
        var outOrderNo = await ConfirmedOrderAsync();
        var workspace = fixture.Workspace();
        string[] complete = ["orders", "complete", outOrderNo, "--fee", "租借费用:300:3元/小时", "--end-time", fixture.BusinessNow(), "--json"];

        var declined = await Tool.RunWithInputAsync(workspace, "n\n", complete);
        var afterDecline = fixture.Sandbox.Control.GetOrder(TestKeys.SubMchId, outOrderNo);
        var accepted = await Tool.RunWithInputAsync(workspace, "y\n", complete);

        Assert.Equal(1, declined.ExitCode);
        Assert.Equal("declined", declined.Json["error"]!["code"]!.GetValue<string>());
        Assert.Contains("Proceed? [y/N]", declined.Error, StringComparison.Ordinal);
        Assert.Contains("DOING/USER_CONFIRM", declined.Error, StringComparison.Ordinal);
        Assert.Equal("DOING/USER_CONFIRM", afterDecline.Status);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("MCH_COMPLETE", accepted.Json["order"]!["state_description"]!.GetValue<string>());
        Assert.Equal(300, accepted.Json["order"]!["total_amount"]!.GetValue<long>());
        Assert.Equal("租借费用", accepted.Json["order"]!["post_payments"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modify_then_pay_collects_the_lower_amount()
    {
        var outOrderNo = await CompletedOrderAsync(500);
        var workspace = fixture.Workspace();

        var modified = await Tool.RunAsync(workspace, "orders", "modify", outOrderNo, "--fee", "租借费用:400:优惠后", "--reason", "门店优惠", "--yes", "--json");
        var paid = await Tool.RunAsync(workspace, "orders", "pay", outOrderNo, "--yes", "--json");
        var order = await Tool.RunAsync(workspace, "orders", "get", outOrderNo, "--json");

        Assert.True(modified.ExitCode == 0, modified.ToString());
        Assert.Equal(400, modified.Json["order"]!["total_amount"]!.GetValue<long>());
        Assert.True(paid.ExitCode == 0, paid.ToString());
        Assert.Equal("Done", order.Json["phase"]!.GetValue<string>());
        Assert.Equal(400, order.Json["order"]!["collection"]!["paid_amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sync_marks_a_completed_order_paid()
    {
        var outOrderNo = await CompletedOrderAsync(200);

        var synced = await Tool.RunAsync(fixture.Workspace(), "orders", "sync", outOrderNo, "--paid-time", fixture.BusinessNow(), "--yes", "--json");

        Assert.True(synced.ExitCode == 0, synced.ToString());
        Assert.Equal("Done", synced.Json["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_revokes_a_created_order_and_a_finished_one_is_refused_locally()
    {
        var (outOrderNo, _) = await fixture.CreateOrderAsync();
        var workspace = fixture.Workspace();

        var cancelled = await Tool.RunWithInputAsync(workspace, "y\n", "orders", "cancel", outOrderNo, "--reason", "用户未取走", "--json");
        var again = await Tool.RunAsync(workspace, "orders", "pay", outOrderNo, "--yes", "--json");

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Equal("REVOKED", cancelled.Json["order"]!["state"]!.GetValue<string>());
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("order_state", again.Json["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_fee_lines_and_wrong_totals_are_usage_errors_and_nothing_is_sent()
    {
        var outOrderNo = await ConfirmedOrderAsync();
        var workspace = fixture.Workspace();

        var badFee = await Tool.RunAsync(workspace, "orders", "complete", outOrderNo, "--fee", "租借费用:3.5", "--yes");
        var badTotal = await Tool.RunAsync(workspace, "orders", "complete", outOrderNo, "--fee", "租借费用:300", "--total", "299",
            "--end-time", fixture.BusinessNow(), "--yes", "--json");
        var noEnd = await Tool.RunAsync(workspace, "orders", "complete", outOrderNo, "--fee", "租借费用:300", "--yes", "--json");

        Assert.Equal(2, badFee.ExitCode);
        Assert.Contains("integer number of fen", badFee.Error, StringComparison.Ordinal);
        Assert.Equal(2, badTotal.ExitCode);
        Assert.Equal("validation", badTotal.Json["error"]!["code"]!.GetValue<string>());
        Assert.Equal(2, noEnd.ExitCode);
        Assert.Equal("time_range.end_time", noEnd.Json["error"]!["field"]!.GetValue<string>());
        Assert.Equal("DOING/USER_CONFIRM", fixture.Sandbox.Control.GetOrder(TestKeys.SubMchId, outOrderNo).Status);
    }

    private async Task<string> ConfirmedOrderAsync()
    {
        var (outOrderNo, package) = await fixture.CreateOrderAsync();
        fixture.Sandbox.Control.Confirm(package);
        return outOrderNo;
    }

    private async Task<string> CompletedOrderAsync(long amount)
    {
        var outOrderNo = await ConfirmedOrderAsync();
        var completed = await Tool.RunAsync(fixture.Workspace(), "orders", "complete", outOrderNo, "--fee", $"租借费用:{amount}",
            "--end-time", fixture.BusinessNow(), "--yes", "--json");
        Assert.True(completed.ExitCode == 0, completed.ToString());
        Assert.Equal("AwaitingPayment", completed.Json["phase"]!.GetValue<string>());
        return outOrderNo;
    }
}
