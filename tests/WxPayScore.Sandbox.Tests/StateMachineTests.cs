using System.Net;
using System.Text;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>Every transition of spec §9 and every illegal one, each with the error WeChat gives.</summary>
public sealed class StateMachineTests() : SandboxTestBase(o => o.CollectionMode = "FailUntilMerchant")
{
    [Fact]
    public async Task Complete_pay_modify_sync_from_CREATED_are_INVALID_ORDER_STATE()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        var no = created.OutOrderNo!;
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState, "确认状态");
        await Requests.FailsWith(() => Merchant.Orders.PayAsync(no, Requests.Pay()), HttpStatusCode.BadRequest, WeChatPayErrorCodes.InvalidOrderState);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(100)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState, "仅服务订单支付状态为待支付时");
        await Requests.FailsWith(() => Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState);
        Assert.Equal(ServiceOrderPhase.Created, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
    }

    [Fact]
    public async Task Pay_modify_sync_from_USER_CONFIRM_are_INVALID_ORDER_STATE()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        await Requests.FailsWith(() => Merchant.Orders.PayAsync(no, Requests.Pay()), HttpStatusCode.BadRequest, WeChatPayErrorCodes.InvalidOrderState);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(100)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.InvalidOrderState);
        await Requests.FailsWith(() => Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.InvalidOrderState);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
    }

    [Fact]
    public async Task Complete_goes_to_MCH_COMPLETE_USER_PAYING_and_a_different_second_complete_is_refused_an_identical_one_replayed()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        var complete = Requests.Complete(Sandbox.Control, 400, 100);
        await Merchant.Orders.CompleteAsync(no, complete);
        var order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, order.Status.Phase);
        Assert.Equal("DOING", order.State);
        Assert.Equal("MCH_COMPLETE", order.StateDescription);
        Assert.Equal("USER_PAYING", order.Collection!.State);
        Assert.Equal(300, order.TotalAmount);
        Assert.Equal(300, order.Collection.PayingAmount);
        Assert.Equal(0, order.Collection.PaidAmount);
        Assert.True(order.NeedCollection);

        await Merchant.Orders.CompleteAsync(no, complete); // identical: a replay after a lost answer
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control, 250)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState, "完结订单状态不合法");
    }

    [Fact]
    public async Task Modify_only_lowers_then_pay_collects_with_a_NEWTON_transaction()
    {
        var no = await Scenario.AwaitingPaymentAsync(Sandbox, Merchant, 300);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(300)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(500)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        await Merchant.Orders.ModifyAsync(no, Requests.Modify(200));
        var modified = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(200, modified.TotalAmount);
        Assert.Equal(200, modified.Collection!.PayingAmount);
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, modified.Status.Phase);

        await Merchant.Orders.PayAsync(no, Requests.Pay());
        var paid = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(ServiceOrderPhase.Done, paid.Status.Phase);
        var detail = Assert.Single(paid.Collection!.Details!);
        Assert.Equal("NEWTON", detail.PaidType);
        Assert.Equal(200, detail.Amount);
        Assert.NotNull(detail.TransactionId);

        await Requests.FailsWith(() => Merchant.Orders.PayAsync(no, Requests.Pay()), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderDone);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(100)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderDone);
        await Requests.FailsWith(() => Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderDone);
        await Requests.FailsWith(() => Merchant.Orders.CancelAsync(no, Requests.Cancel()), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderDone);
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control, 100)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderDone);
    }

    [Fact]
    public async Task Sync_marks_paid_by_the_merchant_without_a_transaction()
    {
        var no = await Scenario.AwaitingPaymentAsync(Sandbox, Merchant);
        await Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control));
        var order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(ServiceOrderPhase.Done, order.Status.Phase);
        Assert.Equal("USER_PAID", order.Collection!.State);
        var detail = Assert.Single(order.Collection.Details!);
        Assert.Equal("MCH", detail.PaidType);
        Assert.Null(detail.TransactionId);
    }

    [Fact]
    public async Task Payment_control_fails_then_succeeds()
    {
        var no = await Scenario.AwaitingPaymentAsync(Sandbox, Merchant);
        var failed = Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, no, succeed: false);
        Assert.Equal("DOING/MCH_COMPLETE/USER_PAYING", failed.Status);
        Assert.True(failed.PaymentBlocked);
        var paid = Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, no, succeed: true);
        Assert.Equal("DONE/USER_PAID", paid.Status);
        var ex = Assert.Throws<SandboxControlException>(() => Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, no, succeed: true));
        Assert.Equal(409, ex.StatusCode);
    }

    [Fact]
    public async Task Zero_amount_completion_is_DONE_without_collection_or_paid_callback()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        await Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control, 0));
        var order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal("DONE", order.State);
        Assert.Null(order.StateDescription);
        Assert.Null(order.Collection);
        Assert.False(order.NeedCollection);
        Assert.Equal(0, order.TotalAmount);
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.DoesNotContain(Sandbox.Control.GetNotifications(), n => n.OutOrderNo == no && n.EventType == "PAYSCORE.USER_PAID");
    }

    [Theory]
    [InlineData("created")]
    [InlineData("confirmed")]
    [InlineData("awaiting")]
    public async Task Cancel_is_allowed_before_payment_is_re_entrant_and_then_every_call_is_ORDER_CANCELED(string from)
    {
        var no = from switch
        {
            "created" => (await Scenario.CreatedAsync(Merchant)).OutOrderNo!,
            "confirmed" => await Scenario.ConfirmedAsync(Sandbox, Merchant),
            _ => await Scenario.AwaitingPaymentAsync(Sandbox, Merchant),
        };
        await Merchant.Orders.CancelAsync(no, Requests.Cancel("设备故障"));
        Assert.Equal(ServiceOrderPhase.Revoked, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
        await Merchant.Orders.CancelAsync(no, Requests.Cancel("设备故障")); // same reason: re-entrant
        await Requests.FailsWith(() => Merchant.Orders.CancelAsync(no, Requests.Cancel("其他原因")), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderCanceled);
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderCanceled);
        await Requests.FailsWith(() => Merchant.Orders.PayAsync(no, Requests.Pay()), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderCanceled);
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(100)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderCanceled);
        await Requests.FailsWith(() => Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control)), HttpStatusCode.BadRequest, WeChatPayErrorCodes.OrderCanceled);
    }

    [Fact]
    public async Task A_cancelled_order_cannot_be_confirmed()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        await Merchant.Orders.CancelAsync(created.OutOrderNo!, Requests.Cancel());
        var ex = Assert.Throws<SandboxControlException>(() => Sandbox.Control.Confirm(created.Package!, "alice"));
        Assert.Contains("订单未获得权益，系统繁忙", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_checks_the_total_the_risk_fund_and_the_end_time()
    {
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant);

        // Sent raw: the SDK would refuse these locally before any request.
        var mismatch = Encoding.UTF8.GetBytes(
            "{\"service_id\":\"" + TestKeys.ServiceId + "\",\"sub_mchid\":\"" + TestKeys.SubMchId +
            "\",\"post_payments\":[{\"name\":\"租借费用\",\"amount\":300}],\"total_amount\":250,\"time_range\":{\"end_time\":\"" +
            ServiceTime.At(Sandbox.Control.Clock.UtcNow) + "\"}}");
        var ex = await Requests.FailsWith(() => Merchant.Transport.SendAsync("complete", HttpMethod.Post,
            $"/v3/payscore/partner/serviceorder/{no}/complete", mismatch, default), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError, "最终总金额计算非法");
        Assert.Equal("/total_amount", ex.Detail?.Field);
        Assert.Equal("body", ex.Detail?.Location);

        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control, 10_000)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.ParamError, "总金额超过服务风险金额");
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control) with { TimeRange = null }),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError, "结束时间必填");
        var future = Requests.Complete(Sandbox.Control) with { TimeRange = new TimeRange { EndTime = ServiceTime.At(Sandbox.Control.Clock.UtcNow.AddHours(2)) } };
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, future), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        var early = Requests.Complete(Sandbox.Control) with { TimeRange = new TimeRange { EndTime = ServiceTime.At(Sandbox.Control.Clock.UtcNow.AddHours(-2)) } };
        await Requests.FailsWith(() => Merchant.Orders.CompleteAsync(no, early), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError, "真实结束时间小于预计开始时间");
        Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(Merchant, no)).Status.Phase);
    }

    [Fact]
    public async Task Unknown_orders_are_ORDER_NOT_EXIST_and_unauthorised_sub_merchants_NO_AUTH()
    {
        await Requests.FailsWith(() => Merchant.Orders.GetAsync("NOPE-1", Requests.Get()), HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
        await Requests.FailsWith(() => Merchant.Orders.CancelAsync("NOPE-1", Requests.Cancel()), HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
        await Requests.FailsWith(() => Merchant.Orders.GetByQueryIdAsync("no-such-query-id", Requests.Get()), HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
        var created = await Scenario.CreatedAsync(Merchant);
        await Requests.FailsWith(() => Merchant.Orders.GetAsync(created.OutOrderNo!, Requests.Get(TestMerchant.OtherSubMchId)),
            HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
        await Requests.FailsWith(() => Merchant.Orders.GetAsync(created.OutOrderNo!, Requests.Get(TestMerchant.UnauthorisedSubMchId)),
            HttpStatusCode.Forbidden, WeChatPayErrorCodes.NoAuth, "sub_mchid");
    }

    [Fact]
    public async Task Query_needs_exactly_one_of_out_order_no_and_query_id()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        var basePath = $"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}";
        await Requests.FailsWith(() => Merchant.Transport.SendAsync("query", HttpMethod.Get, basePath, null, default),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        var both = await Requests.FailsWith(() => Merchant.Transport.SendAsync("query", HttpMethod.Get,
            basePath + "&out_order_no=" + created.OutOrderNo + "&query_id=abc", null, default), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal("query", both.Detail?.Location);
    }
}
