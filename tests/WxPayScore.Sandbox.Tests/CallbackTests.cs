using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Tests.Infrastructure;

namespace WxPayScore.Sandbox.Tests;

/// <summary>Callback delivery: retry schedule on the business clock and the notify faults, observed at a real receiver.</summary>
public sealed class CallbackTests : CallbackSandboxTestBase
{
    [Fact]
    public async Task A_failing_receiver_is_retried_after_15_15_and_30_seconds_of_business_time()
    {
        Receiver.Script.Enqueue(500);
        Receiver.Script.Enqueue(500);
        Receiver.Script.Enqueue(503);
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Sandbox.Control.WaitForDeliveriesAsync();
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Pending", n.State);
        Assert.Equal(500, Assert.Single(n.Attempts).StatusCode);

        // Each step: a few seconds short of the next retry nothing happens; reaching it delivers exactly one more attempt.
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        Assert.Single(Receiver.Received);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Receiver.Received.Count);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Receiver.Received.Count);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, Receiver.Received.Count);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(25));
        Assert.Equal(3, Receiver.Received.Count);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(4, Receiver.Received.Count);

        n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Delivered", n.State);
        Assert.Equal([500, 500, 503, 204], n.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal(["first", "retry", "retry", "retry"], n.Attempts.Select(a => a.Kind));
        AssertGaps(n, [15, 15, 30]);

        // Every attempt is the same notification (same id, same body), freshly and validly signed.
        Assert.All(Receiver.Received, r => Assert.True(r.Result.IsValid));
        Assert.Single(Receiver.Received.Select(r => r.Result.Callback!.Id).Distinct());
        Assert.Equal(no, Assert.IsType<ConfirmCallback>(Receiver.Received[^1].Result.Callback).Order.OutOrderNo);
    }

    [Fact]
    public async Task After_the_whole_schedule_WeChat_gives_up()
    {
        for (var i = 0; i < 20; i++)
        {
            Receiver.Script.Enqueue(500);
        }

        await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Sandbox.Control.WaitForDeliveriesAsync();
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromHours(4));
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("GaveUp", n.State);
        Assert.Null(n.NextAttemptAt);
        Assert.Equal(10, n.Attempts.Count);
        Assert.Equal(10, Receiver.Received.Count);
        AssertGaps(n, [15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600]);

        Receiver.Script.Clear();
        var resent = await Sandbox.Control.ResendNotificationAsync(n.Id);
        Assert.Equal("Delivered", resent.State);
        Assert.Equal("resend", resent.Attempts[^1].Kind);
    }

    [Fact]
    public async Task Duplicate_fault_delivers_the_same_notification_twice()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "duplicate" });
        await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        var received = await Receiver.WaitForAsync(r => r.Count == 2);
        Assert.Equal(received[0].Result.Callback!.Id, received[1].Result.Callback!.Id);
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.Equal(["first", "duplicate"], Assert.Single(Sandbox.Control.GetNotifications()).Attempts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Fail_fault_counts_a_delivered_attempt_as_failed_and_delivers_it_again_on_the_retry_schedule()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "fail" });
        await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Sandbox.Control.WaitForDeliveriesAsync();
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Pending", n.State);
        var first = Assert.Single(n.Attempts);
        Assert.Equal(204, first.StatusCode);
        Assert.False(first.Success);
        Assert.StartsWith("fail fault", first.Error, StringComparison.Ordinal);
        Assert.Single(Receiver.Received);

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, Receiver.Received.Count);
        Assert.Equal(Receiver.Received[0].Result.Callback!.Id, Receiver.Received[1].Result.Callback!.Id);
        n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Delivered", n.State);
        Assert.Equal(["first", "retry"], n.Attempts.Select(a => a.Kind));
        AssertGaps(n, [15]);
    }

    [Fact]
    public async Task Out_of_order_fault_delivers_USER_PAID_before_USER_CONFIRM()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "out_of_order" });
        var no = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.Empty(Receiver.Received);
        Assert.Equal("Held", Assert.Single(Sandbox.Control.GetNotifications()).State);

        await Merchant.Orders.CompleteAsync(no, Requests.Complete(Sandbox.Control));
        var received = await Receiver.WaitForAsync(r => r.Count == 2);
        Assert.Equal([PayScoreCallback.UserPaidEvent, PayScoreCallback.UserConfirmEvent], received.Select(r => r.EventType));
    }

    [Fact]
    public async Task A_held_callback_waits_for_its_own_order_not_for_another_orders_delivery()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "out_of_order" });
        var held = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        var other = await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Receiver.WaitForAsync(r => r.Count == 1);
        await Sandbox.Control.WaitForDeliveriesAsync();
        Assert.Equal(other, OrderOf(Assert.Single(Receiver.Received)));
        Assert.Equal("Held", Sandbox.Control.GetNotifications().Single(n => n.OutOrderNo == held).State);

        await Merchant.Orders.CompleteAsync(held, Requests.Complete(Sandbox.Control));
        var received = await Receiver.WaitForAsync(r => r.Count == 3);
        Assert.Equal([PayScoreCallback.UserPaidEvent, PayScoreCallback.UserConfirmEvent], received.Skip(1).Select(r => r.EventType));
        Assert.All(received.Skip(1), r => Assert.Equal(held, OrderOf(r)));
        Assert.DoesNotContain(Sandbox.Control.GetNotifications(), n => n.State == "Held");
    }

    [Fact]
    public async Task Never_deliver_fault_sends_nothing_until_resent()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "never_deliver" });
        await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromHours(2));
        Assert.Empty(Receiver.Received);
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Dropped", n.State);
        Assert.Equal("dropped", Assert.Single(n.Attempts).Kind);

        await Sandbox.Control.ResendNotificationAsync(n.Id);
        Assert.Single(Receiver.Received);
    }

    [Fact]
    public async Task Signtest_probe_is_refused_by_the_sdk_then_the_real_callback_is_accepted()
    {
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = "signtest_probe" });
        await Scenario.ConfirmedAsync(Sandbox, Merchant, Receiver.NotifyUrl);
        var received = await Receiver.WaitForAsync(r => r.Count == 2);
        Assert.StartsWith("WECHATPAY/SIGNTEST/", received[0].Signature, StringComparison.Ordinal);
        Assert.Equal(CallbackFailure.SignatureProbe, received[0].Result.Failure);
        Assert.Equal(400, received[0].AnsweredStatus);
        Assert.True(received[1].Result.IsValid);
        Assert.Equal(204, received[1].AnsweredStatus);
        await Sandbox.Control.WaitForDeliveriesAsync();
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal("Delivered", n.State);
        Assert.Equal("probe", n.Attempts[0].Kind);
        Assert.True(n.Attempts[0].Success); // the merchant refused the probe, as it must
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_counts_as_a_failure_and_is_retried()
    {
        await using var slow = await TestSandbox.StartAsync(o => o.NotificationAnswerTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = MerchantClient.For(slow.Host);
        await using var late = await CallbackReceiver.StartAsync(client.Callbacks);
        late.DelayMs = 1_000;
        await Scenario.ConfirmedAsync(slow, client, late.NotifyUrl);
        await slow.Control.WaitForDeliveriesAsync();
        var n = Assert.Single(slow.Control.GetNotifications());
        Assert.Equal("Pending", n.State);
        Assert.StartsWith("timeout", Assert.Single(n.Attempts).Error, StringComparison.Ordinal);
        Assert.Null(n.Attempts[0].StatusCode);

        late.DelayMs = 0;
        await slow.Control.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("Delivered", Assert.Single(slow.Control.GetNotifications()).State);
    }

    private static void AssertGaps(SandboxNotificationInfo notification, int[] expectedSeconds)
    {
        var times = notification.Attempts.Where(a => a.Kind is "first" or "retry").Select(a => a.Time).ToArray();
        for (var i = 0; i < expectedSeconds.Length; i++)
        {
            var gap = (times[i + 1] - times[i]).TotalSeconds;
            Assert.InRange(gap, expectedSeconds[i], expectedSeconds[i] + 1.5);
        }
    }

    private static string? OrderOf(ReceivedCallback callback) => callback.Result.Callback switch
    {
        ConfirmCallback confirm => confirm.Order.OutOrderNo,
        PaidCallback paid => paid.Order.OutOrderNo,
        _ => null,
    };
}
