using System.Net;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>Business-clock rules, exercised by advancing the clock (never by sleeping).</summary>
public sealed class ClockTests
{
    [Fact]
    public async Task A_package_is_valid_for_one_hour_of_business_time()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await using var merchant = MerchantClient.For(sandbox.Host);
        var fresh = await Scenario.CreatedAsync(merchant);
        var old = await Scenario.CreatedAsync(merchant);
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromMinutes(59));
        sandbox.Control.Confirm(fresh.Package!);
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromMinutes(2));
        var ex = Assert.Throws<SandboxControlException>(() => sandbox.Control.Confirm(old.Package!));
        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);

        using var browser = new ConfirmPageBrowser(sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(old.Package!);
        Assert.Contains("<p id=\"error\">订单未获得权益，系统繁忙</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_left_CREATED_for_more_than_30_days_expires_and_signatures_still_verify()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await using var merchant = MerchantClient.For(sandbox.Host);
        var created = await Scenario.CreatedAsync(merchant);
        var confirmed = await Scenario.ConfirmedAsync(sandbox, merchant);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(ServiceOrderPhase.Created, (await Scenario.GetAsync(merchant, created.OutOrderNo!)).Status.Phase);
        var clock = await sandbox.Control.AdvanceClockAsync(TimeSpan.FromMinutes(2));
        Assert.True(clock.OffsetSeconds >= 30 * 86400);

        // The business clock is 30 days ahead, yet request and response signatures use the wall clock.
        var expired = await Scenario.GetAsync(merchant, created.OutOrderNo!);
        Assert.Equal("EXPIRED", expired.State);
        Assert.Equal(ServiceOrderPhase.Expired, expired.Status.Phase);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(merchant, confirmed)).Status.Phase);
        await Requests.FailsWith(() => merchant.Orders.CancelAsync(created.OutOrderNo!, Requests.Cancel()), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState, "不满足撤销条件");
        Assert.Throws<SandboxControlException>(() => sandbox.Control.Confirm(created.Package!));
    }

    [Fact]
    public async Task Delayed_collection_happens_when_the_clock_reaches_it()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.CollectionMode = "Delayed";
            o.CollectionDelaySeconds = 600;
        });
        await using var merchant = MerchantClient.For(sandbox.Host);
        var no = await Scenario.AwaitingPaymentAsync(sandbox, merchant);
        var info = sandbox.Control.GetOrder(TestKeys.SubMchId, no);
        Assert.NotNull(info.CollectionDueAt);
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(590));
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, (await Scenario.GetAsync(merchant, no)).Status.Phase);
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        var paid = await Scenario.GetAsync(merchant, no);
        Assert.Equal(ServiceOrderPhase.Done, paid.Status.Phase);
        Assert.Equal(info.CollectionDueAt!.Value.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(paid.Collection!.Details!).PaidTime);
    }

    [Fact]
    public async Task Login_codes_are_single_use_and_expire_after_five_minutes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseUrl };
        async Task<System.Text.Json.JsonElement> Exchange(string code, string appId = TestKeys.AppId, string secret = TestKeys.AppSecret) =>
            System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(
                $"/sns/jscode2session?appid={appId}&secret={secret}&js_code={code}&grant_type=authorization_code")).RootElement;

        var code = sandbox.Control.CreateLoginCode("carol", TestKeys.AppId);
        Assert.Equal(code.OpenId, (await Exchange(code.Code)).GetProperty("openid").GetString());
        Assert.Equal(40029, (await Exchange(code.Code)).GetProperty("errcode").GetInt32());

        var late = sandbox.Control.CreateLoginCode("carol", TestKeys.AppId);
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromMinutes(6));
        Assert.Equal(40029, (await Exchange(late.Code)).GetProperty("errcode").GetInt32());

        var other = sandbox.Control.CreateLoginCode("carol", TestKeys.AppId);
        Assert.Equal(40013, (await Exchange(other.Code, appId: "wxunknown")).GetProperty("errcode").GetInt32());
        Assert.Equal(40125, (await Exchange(other.Code, secret: "wrong")).GetProperty("errcode").GetInt32());
        var missing = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/sns/jscode2session?secret=x&js_code=y&grant_type=authorization_code")).RootElement;
        Assert.Equal(41002, missing.GetProperty("errcode").GetInt32());
        Assert.Equal(code.OpenId, SandboxUsers.OpenIdFor(TestKeys.AppId, "carol"));
        Assert.Matches("^o[A-Za-z0-9_-]{27}$", code.OpenId);
    }
}
