using System.Net;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

public sealed class CreateTests : SandboxTestBase
{
    [Fact]
    public async Task Same_parameters_are_re_entrant_with_the_same_order_and_package()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var first = await Merchant.Orders.CreateAsync(options);
        var second = await Merchant.Orders.CreateAsync(options);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Equal(first.Package, second.Package);
        Assert.Single(Sandbox.Control.GetOrders());
    }

    [Fact]
    public async Task Changed_parameters_with_the_same_out_order_no_are_refused()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        await Merchant.Orders.CreateAsync(options);
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { ServiceIntroduction = "YY充电宝" }),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.InvalidRequest, "订单重入参数校验失败");
    }

    [Fact]
    public async Task A_replay_after_confirmation_returns_the_snapshot_without_a_package()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var first = await Merchant.Orders.CreateAsync(options);
        Sandbox.Control.Confirm(first.Package!);
        var replay = await Merchant.Orders.CreateAsync(options);
        Assert.Equal(first.OrderId, replay.OrderId);
        Assert.Null(replay.Package);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, replay.Status.Phase);
    }

    [Fact]
    public async Task Authorisation_of_sub_merchant_service_and_appids_is_NO_AUTH()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { SubMchId = TestMerchant.UnauthorisedSubMchId }),
            HttpStatusCode.Forbidden, WeChatPayErrorCodes.NoAuth, "请检查sub_mchid是否授权mchid微信支付分产品权限");
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { AppId = TestMerchant.UnboundAppId }),
            HttpStatusCode.Forbidden, WeChatPayErrorCodes.NoAuth, "appid");
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { SubAppId = TestMerchant.UnboundAppId }),
            HttpStatusCode.Forbidden, WeChatPayErrorCodes.NoAuth, "sub_appid");
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { ServiceId = "2002000000000000000000000000000" }),
            HttpStatusCode.Forbidden, WeChatPayErrorCodes.NoAuth);
    }

    [Fact]
    public async Task Risk_fund_must_match_the_sub_mode_and_stay_under_the_cap()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        var wrongName = await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with
        {
            RiskFund = new RiskFund { Name = RiskFundNames.EstimateOrderCost, Amount = 100 },
        }), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal("/risk_fund/name", wrongName.Detail?.Field);

        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = TestMerchant.RiskCap + 1 } }),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError, "风险金额超过服务风险金额上限");

        // 先享 (enjoy first): ESTIMATE_ORDER_COST only; completion capped by the service cap, not the risk fund.
        var enjoy = options with
        {
            ServiceId = TestMerchant.EnjoyFirstServiceId,
            RiskFund = new RiskFund { Name = RiskFundNames.EstimateOrderCost, Amount = 1_000 },
        };
        var created = await Merchant.Orders.CreateAsync(enjoy);
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(enjoy with { OutOrderNo = Requests.NewOutOrderNo(), RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 1_000 } }),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Sandbox.Control.Confirm(created.Package!);
        var get = new ServiceOrderGetOptions { ServiceId = TestMerchant.EnjoyFirstServiceId, SubMchId = TestKeys.SubMchId };
        var complete = Requests.Complete(Sandbox.Control, 5_000) with { ServiceId = TestMerchant.EnjoyFirstServiceId };
        await Merchant.Orders.CompleteAsync(created.OutOrderNo!, complete);
        Assert.True((await Merchant.Orders.GetAsync(created.OutOrderNo!, get)).Status.IsPaid);
    }

    [Fact]
    public async Task Time_range_is_checked_against_the_business_clock()
    {
        var now = Sandbox.Control.Clock.UtcNow;
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl);
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with { TimeRange = new TimeRange { StartTime = ServiceTime.At(now.AddMinutes(-5)) } }),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError, "服务开始时间不能早于调用接口时间");
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with
        {
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, EndTime = ServiceTime.At(now.AddSeconds(30)) },
        }), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);

        var today = DateOnly.FromDateTime(now.ToOffset(ServiceTime.BeijingOffset).DateTime);
        var ok = await Merchant.Orders.CreateAsync(options with
        {
            TimeRange = new TimeRange { StartTime = ServiceTime.Day(today), EndTime = ServiceTime.At(now.AddHours(3)) },
        });
        Assert.Equal(ServiceOrderPhase.Created, ok.Status.Phase);

        // After the business clock moved a day, "today" moved too.
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(1));
        await Requests.FailsWith(() => Merchant.Orders.CreateAsync(options with
        {
            OutOrderNo = Requests.NewOutOrderNo(),
            TimeRange = new TimeRange { StartTime = ServiceTime.Day(today) },
        }), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
    }

    [Fact]
    public async Task Field_rules_answer_PARAM_ERROR_with_a_json_pointer()
    {
        var missing = System.Text.Encoding.UTF8.GetBytes($$"""{"service_id":"{{TestKeys.ServiceId}}","appid":"{{TestKeys.AppId}}"}""");
        var ex = await Requests.FailsWith(() => Merchant.Transport.SendAsync("create", HttpMethod.Post, "/v3/payscore/partner/serviceorder", missing, default),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal("/sub_mchid", ex.Detail?.Field);

        var tooLong = Requests.Create(TestMerchant.UnreachableNotifyUrl) with { ServiceIntroduction = new string('长', 21) };
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(tooLong, WxPayScore.Json.WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
        ex = await Requests.FailsWith(() => Merchant.Transport.SendAsync("create", HttpMethod.Post, "/v3/payscore/partner/serviceorder", body, default),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal("/service_introduction", ex.Detail?.Field);
    }

    [Fact]
    public async Task Need_user_confirm_false_creates_DOING_without_a_package()
    {
        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl) with { NeedUserConfirm = false, OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" };
        var created = await Merchant.Orders.CreateAsync(options);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, created.Status.Phase);
        Assert.Null(created.Package);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", created.OpenId);
    }
}
