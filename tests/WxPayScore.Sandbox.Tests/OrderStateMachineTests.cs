using System.Collections.Frozen;
using System.Text;
using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>The order state machine (spec §9) on its own: decoded requests in, order and events out, no HTTP, no host.</summary>
public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 4, 0, 0, TimeSpan.Zero); // 12:00 Beijing
    private static readonly RegisteredService Service = new(TestKeys.ServiceId, ServiceMode.DepositWaived, 20_000,
        new[] { TestKeys.AppId, TestMerchant.SubAppId }.ToFrozenSet());

    private readonly OrderStateMachine immediate = new(CollectionMode.Immediate, TimeSpan.Zero);

    [Fact]
    public void Create_confirm_complete_collects_at_once_and_reports_both_callbacks()
    {
        var order = Created();
        Assert.Equal(ServiceOrderPhase.Created, order.Phase);
        Assert.NotNull(order.Package);
        Assert.Equal(ServiceTime.OnAccept, order.Order.TimeRange!.StartTime);

        var confirm = new OrderChanges();
        immediate.Confirm(order, "alice", Start.AddSeconds(5), confirm);
        Assert.Equal([PayScoreCallback.UserConfirmEvent], confirm.Events);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, order.Phase);
        Assert.Equal("20250101120005", order.Order.TimeRange!.StartTime.ToString());
        Assert.Equal(SandboxUsers.OpenIdFor(TestKeys.AppId, "alice"), order.Order.OpenId);

        var complete = new OrderChanges();
        var body = Complete(300);
        immediate.Complete(order, RequestDecoder.Complete(body), body, Service, Start.AddHours(2), complete);
        Assert.Equal([PayScoreCallback.UserPaidEvent], complete.Events);
        Assert.Equal(ServiceOrderPhase.Done, order.Phase);
        var detail = Assert.Single(order.Order.Collection!.Details!);
        Assert.Equal(("NEWTON", 300L), (detail.PaidType, detail.Amount));
        Assert.Equal(Start.AddHours(2), order.UpdatedAt);

        // An identical complete after a lost answer is answered again and changes nothing.
        var replay = new OrderChanges();
        immediate.Complete(order, RequestDecoder.Complete(body), body, Service, Start.AddHours(3), replay);
        Assert.False(replay.Changed);
        Assert.Empty(replay.Events);
    }

    [Fact]
    public void A_delayed_collection_happens_when_the_business_clock_reaches_it()
    {
        var machine = new OrderStateMachine(CollectionMode.Delayed, TimeSpan.FromSeconds(60));
        var order = Confirmed(machine);
        var body = Complete(300);
        machine.Complete(order, RequestDecoder.Complete(body), body, Service, Start.AddHours(2), new OrderChanges());
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, order.Phase);
        Assert.Equal(Start.AddHours(2).AddSeconds(60), OrderStateMachine.NextDue(order));

        var early = new OrderChanges();
        OrderStateMachine.ApplyDue(order, Start.AddHours(2).AddSeconds(59), early);
        Assert.False(early.Changed);

        var due = new OrderChanges();
        OrderStateMachine.ApplyDue(order, Start.AddHours(3), due);
        Assert.Equal([PayScoreCallback.UserPaidEvent], due.Events);
        Assert.Equal(ServiceOrderPhase.Done, order.Phase);
        Assert.Equal("20250101140100", order.Order.Collection!.Details![0].PaidTime); // collected when it fell due, not when noticed
        Assert.Null(OrderStateMachine.NextDue(order));
    }

    [Fact]
    public void FailUntilMerchant_waits_for_pay_and_modify_only_lowers_the_amount()
    {
        var machine = new OrderStateMachine(CollectionMode.FailUntilMerchant, TimeSpan.Zero);
        var order = Confirmed(machine);
        var body = Complete(300);
        machine.Complete(order, RequestDecoder.Complete(body), body, Service, Start.AddHours(2), new OrderChanges());
        Assert.True(order.PaymentBlocked);
        Assert.Null(OrderStateMachine.NextDue(order));

        var higher = Assert.Throws<WeChatErrorException>(() => machine.Modify(order, Modify(400), Start.AddHours(2), new OrderChanges()));
        Assert.Equal("PARAM_ERROR", higher.Code);
        machine.Modify(order, Modify(200), Start.AddHours(2), new OrderChanges());
        Assert.Equal((200L, 200L), (order.Order.TotalAmount!.Value, order.Order.Collection!.PayingAmount!.Value));

        var pay = new OrderChanges();
        machine.Pay(order, Start.AddHours(2).AddMinutes(1), pay);
        Assert.Equal([PayScoreCallback.UserPaidEvent], pay.Events);
        Assert.Equal(ServiceOrderPhase.Done, order.Phase);
        Assert.Equal(200, order.Order.Collection!.PaidAmount);
    }

    [Fact]
    public void Cancel_is_reentrant_with_the_same_reason_and_refused_after_done()
    {
        var order = Created();
        immediate.Cancel(order, RequestDecoder.Cancel(Cancel("用户取消")), Start, new OrderChanges());
        Assert.Equal(ServiceOrderPhase.Revoked, order.Phase);
        var again = new OrderChanges();
        immediate.Cancel(order, RequestDecoder.Cancel(Cancel("用户取消")), Start, again);
        Assert.False(again.Changed);
        Assert.Equal("ORDER_CANCELED", Assert.Throws<WeChatErrorException>(() =>
            immediate.Cancel(order, RequestDecoder.Cancel(Cancel("别的原因")), Start, new OrderChanges())).Code);

        var done = Confirmed(immediate);
        var body = Complete(300);
        immediate.Complete(done, RequestDecoder.Complete(body), body, Service, Start.AddHours(2), new OrderChanges());
        Assert.Equal("ORDER_DONE", Assert.Throws<WeChatErrorException>(() =>
            immediate.Cancel(done, RequestDecoder.Cancel(Cancel("用户取消")), Start.AddHours(2), new OrderChanges())).Code);
    }

    [Fact]
    public void A_package_opens_once_within_an_hour_and_an_unconfirmed_order_expires_after_30_days()
    {
        var order = Created();
        Assert.Equal(PackageOpening.Opened, immediate.OpenPackage(order, Start.AddMinutes(59), new OrderChanges()));
        Assert.Equal(PackageOpening.Spent, immediate.OpenPackage(order, Start.AddMinutes(59), new OrderChanges()));
        Assert.Equal(PackageOpening.Expired, immediate.OpenPackage(Created(), Start.AddMinutes(61), new OrderChanges()));

        var expiry = new OrderChanges();
        OrderStateMachine.ApplyDue(order, Start.AddDays(30).AddSeconds(1), expiry);
        Assert.True(expiry.Changed);
        Assert.Equal(ServiceOrderPhase.Expired, order.Phase);
        Assert.Throws<SandboxControlException>(() => immediate.Confirm(order, "alice", Start.AddDays(31), new OrderChanges()));
    }

    [Fact]
    public void Partial_collections_report_a_callback_each_and_the_last_makes_the_order_done()
    {
        var machine = new OrderStateMachine(CollectionMode.FailUntilMerchant, TimeSpan.Zero);
        var order = Confirmed(machine);
        var body = Complete(300);
        machine.Complete(order, RequestDecoder.Complete(body), body, Service, Start.AddHours(2), new OrderChanges());
        var part = new OrderChanges();
        machine.SetPaymentOutcome(order, succeed: true, amount: 100, Start.AddHours(2), part);
        Assert.Equal([PayScoreCallback.UserPaidEvent], part.Events);
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, order.Phase);
        Assert.Equal((100L, 200L), (order.Order.Collection!.PaidAmount!.Value, order.Order.Collection.PayingAmount!.Value));
        Assert.Throws<SandboxControlException>(() => machine.SetPaymentOutcome(order, succeed: true, amount: 201, Start.AddHours(2), new OrderChanges()));
        machine.SetPaymentOutcome(order, succeed: true, amount: 200, Start.AddHours(2), new OrderChanges());
        Assert.Equal(ServiceOrderPhase.Done, order.Phase);
        Assert.Equal([1, 2], order.Order.Collection!.Details!.Select(d => d.Seq));
    }

    [Fact]
    public void Create_rules_of_the_service_are_checked_before_any_order_exists()
    {
        var enjoyFirst = Service with { Mode = ServiceMode.EnjoyFirst };
        var body = CreateBody("SM" + Guid.NewGuid().ToString("N")[..10]);
        var ex = Assert.Throws<WeChatErrorException>(() => OrderCreation.Create(TestKeys.MchId, enjoyFirst, RequestDecoder.Create(body), body, Start));
        Assert.Equal("/risk_fund/name", ex.Detail?.Field);
        var capped = Service with { RiskCap = 9_000 };
        ex = Assert.Throws<WeChatErrorException>(() => OrderCreation.Create(TestKeys.MchId, capped, RequestDecoder.Create(body), body, Start));
        Assert.Equal("/risk_fund/amount", ex.Detail?.Field);
    }

    private static byte[] CreateBody(string outOrderNo) => Encoding.UTF8.GetBytes(
        $$"""{"service_id":"{{TestKeys.ServiceId}}","appid":"{{TestKeys.AppId}}","sub_mchid":"{{TestKeys.SubMchId}}","out_order_no":"{{outOrderNo}}","service_introduction":"XX充电宝","risk_fund":{"name":"DEPOSIT","amount":9900},"time_range":{"start_time":"OnAccept"},"notify_url":"http://127.0.0.1:9/notify"}""");

    private static OrderRecord Created()
    {
        var body = CreateBody("SM" + Guid.NewGuid().ToString("N")[..10]);
        return OrderCreation.Create(TestKeys.MchId, Service, RequestDecoder.Create(body), body, Start);
    }

    private static OrderRecord Confirmed(OrderStateMachine machine)
    {
        var order = Created();
        machine.Confirm(order, "alice", Start, new OrderChanges());
        return order;
    }

    private static byte[] Complete(long amount) => Encoding.UTF8.GetBytes(
        $$"""{"service_id":"{{TestKeys.ServiceId}}","sub_mchid":"{{TestKeys.SubMchId}}","post_payments":[{"name":"租借费用","amount":{{amount}}}],"total_amount":{{amount}},"time_range":{"end_time":"20250101135900"} }""");

    private static ModifyRequest Modify(long amount) => RequestDecoder.Modify(Encoding.UTF8.GetBytes(
        $$"""{"service_id":"{{TestKeys.ServiceId}}","sub_mchid":"{{TestKeys.SubMchId}}","post_payments":[{"name":"租借费用","amount":{{amount}}}],"total_amount":{{amount}},"reason":"费用调整"}"""));

    private static byte[] Cancel(string reason) => Encoding.UTF8.GetBytes(
        $$"""{"service_id":"{{TestKeys.ServiceId}}","sub_mchid":"{{TestKeys.SubMchId}}","reason":"{{reason}}"}""");
}
