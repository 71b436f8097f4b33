using Microsoft.AspNetCore.Http;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// Only 200/204 from the notify_url itself is a delivery (payscore-partner-api §7.4, apiv3-security §5): a 302 is a
/// failed attempt, its Location is never visited, and the callback is retried on the schedule.
/// </summary>
public sealed class RedirectedCallbackTests : SandboxTestBase
{
    [Fact]
    public async Task A_302_from_the_notify_url_is_a_failed_delivery_retried_on_schedule_and_never_followed()
    {
        var targetHits = 0;
        await using var target = await LoopbackEndpoint.StartAsync("/moved", context =>
        {
            Interlocked.Increment(ref targetHits);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }, anyMethod: true);
        var notifyHits = 0;
        await using var notify = await LoopbackEndpoint.StartAsync("/notify", context =>
        {
            Interlocked.Increment(ref notifyHits);
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = target.Url;
            return Task.CompletedTask;
        });

        await Scenario.ConfirmedAsync(Sandbox, Merchant, notify.Url);
        await Sandbox.Control.WaitForDeliveriesAsync();
        var n = Assert.Single(Sandbox.Control.GetNotifications());
        var first = Assert.Single(n.Attempts);
        Assert.Equal(302, first.StatusCode);
        Assert.False(first.Success);
        Assert.Equal("Pending", n.State);
        Assert.InRange((n.NextAttemptAt!.Value - first.Time).TotalSeconds, 15, 20);
        Assert.Equal(1, Volatile.Read(ref notifyHits));
        Assert.Equal(0, Volatile.Read(ref targetHits));

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        n = Assert.Single(Sandbox.Control.GetNotifications());
        Assert.Equal([302, 302], n.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal(["first", "retry"], n.Attempts.Select(a => a.Kind));
        Assert.Equal("Pending", n.State);
        Assert.Equal(2, Volatile.Read(ref notifyHits));
        Assert.Equal(0, Volatile.Read(ref targetHits));
    }
}
