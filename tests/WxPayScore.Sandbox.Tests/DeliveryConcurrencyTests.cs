using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Tests.Infrastructure;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// Callbacks of different orders are delivered in parallel: a receiver that stalls on one order, or a notify delay fault,
/// holds up only that order; the callbacks of one order stay in order.
/// </summary>
public sealed class DeliveryConcurrencyTests : IAsyncLifetime
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TestSandbox sandbox = null!;
    private MerchantClient merchant = null!;
    private CallbackReceiver receiver = null!;
    private string? stalledOrder;

    public async Task InitializeAsync()
    {
        // A long answer timeout: the stalled delivery stays in flight for the whole test unless released.
        sandbox = await TestSandbox.StartAsync(o => o.NotificationAnswerTimeout = TimeSpan.FromSeconds(60));
        merchant = MerchantClient.For(sandbox.Host);
        receiver = await CallbackReceiver.StartAsync(merchant.Callbacks);
        receiver.BeforeAnswer = result => OrderOf(result) == stalledOrder ? release.Task : Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        await receiver.DisposeAsync();
        await merchant.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_receiver_stalling_on_one_order_does_not_delay_another_orders_callback()
    {
        var a = await Scenario.CreatedAsync(merchant, receiver.NotifyUrl);
        stalledOrder = a.OutOrderNo;
        sandbox.Control.Confirm(a.Package!, "alice");
        await receiver.WaitForArrivalAsync(r => r.Any(c => OrderOf(c) == a.OutOrderNo));

        // A's USER_CONFIRM is in flight and unanswered; B's goes out and is answered meanwhile.
        var b = await Scenario.ConfirmedAsync(sandbox, merchant, receiver.NotifyUrl);
        var received = await receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.Equal(204, Assert.Single(received).AnsweredStatus);
        var notifications = sandbox.Control.GetNotifications();
        Assert.Empty(Assert.Single(notifications, n => n.OutOrderNo == a.OutOrderNo).Attempts);
        Assert.Equal("Delivered", Assert.Single(notifications, n => n.OutOrderNo == b).State);

        release.SetResult();
        await sandbox.Control.WaitForDeliveriesAsync();
        Assert.All(sandbox.Control.GetNotifications(), n => Assert.Equal("Delivered", n.State));
        Assert.Equal([b, a.OutOrderNo], receiver.Received.Select(r => OrderOf(r.Result)));
    }

    [Fact]
    public async Task The_callbacks_of_one_order_stay_in_order_behind_a_stalled_one()
    {
        var a = await Scenario.CreatedAsync(merchant, receiver.NotifyUrl);
        stalledOrder = a.OutOrderNo;
        sandbox.Control.Confirm(a.Package!, "alice");
        await receiver.WaitForArrivalAsync(r => r.Any(c => OrderOf(c) == a.OutOrderNo));

        // A's USER_PAID is queued behind its stalled USER_CONFIRM; B's callback, queued after it, is not.
        await merchant.Orders.CompleteAsync(a.OutOrderNo!, Requests.Complete(sandbox.Control));
        var b = await Scenario.ConfirmedAsync(sandbox, merchant, receiver.NotifyUrl);
        await receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.Single(receiver.Arrived, c => OrderOf(c) == a.OutOrderNo);
        var paid = Assert.Single(sandbox.Control.GetNotifications(), n => n.EventType == PayScoreCallback.UserPaidEvent);
        Assert.Equal("Pending", paid.State);
        Assert.Empty(paid.Attempts);

        release.SetResult();
        await sandbox.Control.WaitForDeliveriesAsync();
        Assert.Equal([PayScoreCallback.UserConfirmEvent, PayScoreCallback.UserPaidEvent],
            receiver.Arrived.Where(c => OrderOf(c) == a.OutOrderNo).Select(c => c.Callback!.EventType));
        Assert.All(sandbox.Control.GetNotifications(), n => Assert.Equal("Delivered", n.State));
    }

    [Fact]
    public async Task A_notify_delay_fault_holds_only_its_own_order()
    {
        sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "delay", DelayMs = 60_000, Count = 1 });
        var a = await Scenario.ConfirmedAsync(sandbox, merchant, receiver.NotifyUrl);
        var b = await Scenario.ConfirmedAsync(sandbox, merchant, receiver.NotifyUrl);
        await receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.DoesNotContain(receiver.Arrived, c => OrderOf(c) == a);
        Assert.Empty(Assert.Single(sandbox.Control.GetNotifications(), n => n.OutOrderNo == a).Attempts);
    }

    [Fact]
    public async Task Many_orders_are_delivered_even_with_a_concurrency_bound_of_one()
    {
        await using var serial = await TestSandbox.StartAsync(o => o.MaxConcurrentNotifications = 1);
        await using var client = MerchantClient.For(serial.Host);
        await using var sink = await CallbackReceiver.StartAsync(client.Callbacks);
        var orders = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            orders.Add(await Scenario.ConfirmedAsync(serial, client, sink.NotifyUrl));
        }

        await serial.Control.WaitForDeliveriesAsync();
        Assert.All(serial.Control.GetNotifications(), n => Assert.Equal("Delivered", n.State));
        Assert.Equal(orders.Order(StringComparer.Ordinal), sink.Received.Select(r => OrderOf(r.Result)!).Order(StringComparer.Ordinal));
    }

    private static string? OrderOf(CallbackResult result) => result.Callback switch
    {
        ConfirmCallback c => c.Order.OutOrderNo,
        PaidCallback p => p.Order.OutOrderNo,
        _ => null,
    };
}
