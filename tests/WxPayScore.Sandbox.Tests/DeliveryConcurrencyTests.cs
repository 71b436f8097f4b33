using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Tests.Infrastructure;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// Callbacks of different orders are delivered in parallel: a receiver that stalls on one order, or a notify delay fault,
/// holds up only that order; the callbacks of one order stay in order.
/// </summary>
public sealed class DeliveryConcurrencyTests : CallbackSandboxTestBase
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? stalledOrder;

    // A long answer timeout: the stalled delivery stays in flight for the whole test unless released.
    public DeliveryConcurrencyTests()
        : base(o => o.NotificationAnswerTimeout = TimeSpan.FromSeconds(60))
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver.BeforeAnswer = result => OrderOf(result) == stalledOrder ? release.Task : Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        release.TrySetResult();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_receiver_stalling_on_one_order_does_not_delay_another_orders_callback()
    {
        var a = await StalledConfirmedOrderAsync();

        // A's USER_CONFIRM is in flight and unanswered; B's goes out and is answered meanwhile.
        var b = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        var received = await Receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.Equal(204, Assert.Single(received).AnsweredStatus);

        // The receiver records a callback before answering it; the sandbox marks it delivered once the answer is in.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Sandbox.Control.GetNotifications().Single(n => n.OutOrderNo == b).State != "Delivered" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var notifications = Sandbox.Control.GetNotifications();
        Assert.Empty(Assert.Single(notifications, n => n.OutOrderNo == a).Attempts);
        Assert.Equal("Delivered", Assert.Single(notifications, n => n.OutOrderNo == b).State);

        release.SetResult();
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.All(Sandbox.Control.GetNotifications(), n => Assert.Equal("Delivered", n.State));
        Assert.Equal([b, a], Receiver.Received.Select(r => OrderOf(r.Result)));
    }

    [Fact]
    public async Task The_callbacks_of_one_order_stay_in_order_behind_a_stalled_one()
    {
        var a = await StalledConfirmedOrderAsync();

        // A's USER_PAID is queued behind its stalled USER_CONFIRM; B's callback, queued after it, is not.
        await Merchant.Orders.CompleteAsync(a, Requests.Complete(Sandbox.Control));
        var b = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.Single(Receiver.Arrived, c => OrderOf(c) == a);
        var paid = Assert.Single(Sandbox.Control.GetNotifications(), n => n.EventType == PayScoreCallback.UserPaidEvent);
        Assert.Equal("Pending", paid.State);
        Assert.Empty(paid.Attempts);

        release.SetResult();
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.Equal([PayScoreCallback.UserConfirmEvent, PayScoreCallback.UserPaidEvent],
            Receiver.Arrived.Where(c => OrderOf(c) == a).Select(c => c.Callback!.EventType));
        Assert.All(Sandbox.Control.GetNotifications(), n => Assert.Equal("Delivered", n.State));
    }

    [Fact]
    public async Task A_notify_delay_fault_holds_only_its_own_order()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "delay", DelayMs = 60_000, Count = 1 });
        var a = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        var b = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Receiver.WaitForAsync(r => r.Any(c => OrderOf(c.Result) == b), timeoutMs: 15_000);
        Assert.DoesNotContain(Receiver.Arrived, c => OrderOf(c) == a);
        Assert.Empty(Assert.Single(Sandbox.Control.GetNotifications(), n => n.OutOrderNo == a).Attempts);
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

    /// <summary>Creates and confirms an order whose callbacks the receiver stalls (until released), once its USER_CONFIRM has arrived.</summary>
    private async Task<string> StalledConfirmedOrderAsync()
    {
        var created = await Scenario.CreatedAsync(Merchant, Receiver.NotifyUrl);
        stalledOrder = created.OutOrderNo;
        Sandbox.Control.Confirm(created.Package!, "alice");
        await Receiver.WaitForArrivalAsync(r => r.Any(c => OrderOf(c) == created.OutOrderNo));
        return created.OutOrderNo!;
    }

    private static string? OrderOf(CallbackResult result) => result.Callback switch
    {
        ConfirmCallback c => c.Order.OutOrderNo,
        PaidCallback p => p.Order.OutOrderNo,
        _ => null,
    };
}
