using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// Collection in several parts (spec §7.3): each part adds a NEWTON detail and sends a PAYSCORE.USER_PAID; the order
/// stays DOING/MCH_COMPLETE + USER_PAYING until the last part makes it DONE/USER_PAID.
/// </summary>
public sealed class PartialCollectionTests() : CallbackSandboxTestBase(o => o.CollectionMode = "FailUntilMerchant")
{
    [Fact]
    public async Task Parts_are_collected_with_a_USER_PAID_each_and_the_last_one_makes_the_order_DONE()
    {
        var no = await AwaitingPaymentAsync(300);
        using var http = new HttpClient { BaseAddress = Sandbox.Host.BaseUrl };

        // 100 fen through the in-process control, 50 through the HTTP control API, the rest with {"succeed":true}.
        var first = Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, no, succeed: true, amount: 100);
        Assert.Equal("DOING/MCH_COMPLETE/USER_PAYING", first.Status);
        var order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(ServiceOrderPhase.AwaitingPayment, order.Status.Phase);
        AssertCollection(order, ServiceOrderStatus.UserPaying, paid: 100, paying: 200, [100]);

        using (var part = await http.PostAsJsonAsync(PaymentPath(no), new { succeed = true, amount = 50 }))
        {
            Assert.Equal(HttpStatusCode.OK, part.StatusCode);
            var info = await part.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("DOING/MCH_COMPLETE/USER_PAYING", info.GetProperty("status").GetString());
            Assert.Equal(150, info.GetProperty("order").GetProperty("collection").GetProperty("paying_amount").GetInt64());
        }

        AssertCollection(await Scenario.GetAsync(Merchant, no), ServiceOrderStatus.UserPaying, paid: 150, paying: 150, [100, 50]);

        using (var rest = await http.PostAsJsonAsync(PaymentPath(no), new { succeed = true }))
        {
            Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        }

        order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(ServiceOrderPhase.Done, order.Status.Phase);
        AssertCollection(order, ServiceOrderStatus.UserPaid, paid: 300, paying: 0, [100, 50, 150]);
        Assert.Equal(3, order.Collection!.Details!.Select(d => d.TransactionId).Distinct().Count());

        // One USER_PAID per part, each a snapshot of that moment; the final one is DONE/USER_PAID.
        await Sandbox.Control.WaitForDeliveriesAsync();
        var paidCallbacks = Receiver.Received.Select(r => r.Result.Callback).OfType<PaidCallback>().ToArray();
        Assert.Equal(3, paidCallbacks.Length);
        Assert.Equal(3, paidCallbacks.Select(c => c.Id).Distinct().Count());
        Assert.Equal([100L, 150, 300], paidCallbacks.Select(c => c.Order.Collection!.PaidAmount ?? 0));
        Assert.Equal([1, 2, 3], paidCallbacks.Select(c => c.Order.Collection!.Details!.Count));
        Assert.All(paidCallbacks[..2], c =>
        {
            Assert.Equal("DOING", c.Order.State);
            Assert.Equal("MCH_COMPLETE", c.Order.StateDescription);
            Assert.Equal(ServiceOrderStatus.UserPaying, c.Order.Collection!.State);
        });
        Assert.Equal("DONE", paidCallbacks[2].Order.State);
        Assert.Equal(ServiceOrderStatus.UserPaid, paidCallbacks[2].Order.Collection!.State);
    }

    [Fact]
    public async Task A_part_equal_to_what_is_left_completes_the_collection()
    {
        var no = await AwaitingPaymentAsync(300);
        Sandbox.Control.CollectPart(TestKeys.SubMchId, no, 120);
        var done = Sandbox.Control.CollectPart(TestKeys.SubMchId, no, 180);
        Assert.Equal("DONE/USER_PAID", done.Status);
        AssertCollection(await Scenario.GetAsync(Merchant, no), ServiceOrderStatus.UserPaid, paid: 300, paying: 0, [120, 180]);
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.Equal(2, Receiver.Received.Count(r => r.EventType == PayScoreCallback.UserPaidEvent));
    }

    [Fact]
    public async Task Invalid_parts_are_refused_and_change_nothing()
    {
        var no = await AwaitingPaymentAsync(300);
        await AssertRefusedAsync(no, new { succeed = true, amount = 301 }, HttpStatusCode.BadRequest, "PARAM_ERROR");
        await AssertRefusedAsync(no, new { succeed = true, amount = 0 }, HttpStatusCode.BadRequest, "PARAM_ERROR");
        await AssertRefusedAsync(no, new { succeed = false, amount = 100 }, HttpStatusCode.BadRequest, "PARAM_ERROR");
        var ex = Assert.Throws<SandboxControlException>(() => Sandbox.Control.CollectPart(TestKeys.SubMchId, no, -5));
        Assert.Equal("PARAM_ERROR", ex.Code);
        AssertCollection(await Scenario.GetAsync(Merchant, no), ServiceOrderStatus.UserPaying, paid: 0, paying: 300, []);

        var confirmed = await Scenario.ConfirmedAsync(Sandbox, Merchant);
        await AssertRefusedAsync(confirmed, new { succeed = true, amount = 100 }, HttpStatusCode.Conflict, "INVALID_ORDER_STATE");
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.DoesNotContain(Sandbox.Control.GetNotifications(), n => n.EventType == PayScoreCallback.UserPaidEvent);
    }

    [Fact]
    public async Task After_a_part_cancel_is_refused_modify_stays_above_the_paid_amount_and_pay_collects_the_rest()
    {
        var no = await AwaitingPaymentAsync(300);
        Sandbox.Control.CollectPart(TestKeys.SubMchId, no, 100);

        await Requests.FailsWith(() => Merchant.Orders.CancelAsync(no, Requests.Cancel()), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.InvalidOrderState, "部分收款");
        await Requests.FailsWith(() => Merchant.Orders.ModifyAsync(no, Requests.Modify(80)), HttpStatusCode.BadRequest,
            WeChatPayErrorCodes.ParamError, "已收款金额");
        await Merchant.Orders.ModifyAsync(no, Requests.Modify(250));
        AssertCollection(await Scenario.GetAsync(Merchant, no), ServiceOrderStatus.UserPaying, paid: 100, paying: 150, [100]);

        await Merchant.Orders.PayAsync(no, Requests.Pay());
        var order = await Scenario.GetAsync(Merchant, no);
        Assert.Equal(250, order.TotalAmount);
        AssertCollection(order, ServiceOrderStatus.UserPaid, paid: 250, paying: 0, [100, 150]);
    }

    [Fact]
    public async Task Sync_after_a_part_records_only_what_was_left_as_paid_by_the_merchant()
    {
        var no = await AwaitingPaymentAsync(300);
        Sandbox.Control.CollectPart(TestKeys.SubMchId, no, 100);
        await Merchant.Orders.SyncAsync(no, Requests.Sync(Sandbox.Control));
        var order = await Scenario.GetAsync(Merchant, no);
        AssertCollection(order, ServiceOrderStatus.UserPaid, paid: 300, paying: 0, [100, 200]);
        Assert.Equal(["NEWTON", "MCH"], order.Collection!.Details!.Select(d => d.PaidType));
    }

    private async Task<string> AwaitingPaymentAsync(long amount)
    {
        var created = await Merchant.Orders.CreateAsync(Requests.Create(Receiver.NotifyUrl));
        Sandbox.Control.Confirm(created.Package!, "alice");
        await Merchant.Orders.CompleteAsync(created.OutOrderNo!, Requests.Complete(Sandbox.Control, amount));
        return created.OutOrderNo!;
    }

    private async Task AssertRefusedAsync(string outOrderNo, object body, HttpStatusCode status, string code)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.Host.BaseUrl };
        using var response = await http.PostAsJsonAsync(PaymentPath(outOrderNo), body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static string PaymentPath(string outOrderNo) => $"/sandbox/orders/{TestKeys.SubMchId}/{outOrderNo}/payment";

    private static void AssertCollection(ServiceOrder order, string state, long paid, long paying, long[] details)
    {
        var collection = order.Collection!;
        Assert.Equal(state, collection.State);
        Assert.Equal(paid, collection.PaidAmount);
        Assert.Equal(paying, collection.PayingAmount);
        Assert.Equal(details, (collection.Details ?? []).Select(d => d.Amount));
        Assert.All(collection.Details ?? [], d => Assert.Equal(d.PaidType == "NEWTON", d.TransactionId is { Length: 28 }));
        Assert.Equal(Enumerable.Range(1, details.Length), (collection.Details ?? []).Select(d => d.Seq));
    }
}
