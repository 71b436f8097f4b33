using System.Net;
using WxPayScore.Sandbox;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>The admin API: filters, stats, and the WeChat actions cancel, modify, pay, sync with their history.</summary>
public sealed class AdminTests : IClassFixture<AdminFixture>
{
    private readonly AdminFixture fixture;

    public AdminTests(AdminFixture fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Cancel_complete_modify_and_sync_go_to_WeChat_and_show_in_the_history()
    {
        var sandbox = fixture.Sandbox.Host;
        var admin = new AdminClient(Server);
        var alice = await TestClient.LoginAsync(Server, sandbox, "alice");

        // Cancel a CREATED order; a second cancel is a wrong-state 409.
        var cancelled = await alice.CreateOrderAsync();
        var (cancelStatus, cancelBody) = await admin.SendAsync(HttpMethod.Post, $"orders/{cancelled.OutOrderNo}/cancel", new { reason = "用户取消" });
        Assert.Equal(HttpStatusCode.OK, cancelStatus);
        Assert.Equal("REVOKED", cancelBody.GetProperty("order").GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, $"orders/{cancelled.OutOrderNo}/cancel", new { reason = "again" })).Status);

        // Completed with a discount while the deduction keeps failing: modify (lower), then sync as paid elsewhere.
        var order = await ConfirmedOrderAsync(alice);
        var (completeStatus, completeBody) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 500L, description = "3元/小时" } },
            discounts = new[] { new { name = "新客立减", description = "首单立减", amount = 100L } },
            totalAmount = 400L,
        });
        Assert.Equal(HttpStatusCode.OK, completeStatus);
        Assert.Equal("AWAITING_PAYMENT", completeBody.GetProperty("order").GetProperty("phase").GetString());
        Assert.Equal(400, completeBody.GetProperty("order").GetProperty("totalAmount").GetInt64());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, $"orders/{order}/modify", new
        {
            fees = new[] { new { name = "租借费用", amount = 600L } }, totalAmount = 600L, reason = "涨价",
        })).Status);
        var (modifyStatus, modified) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/modify", new
        {
            fees = new[] { new { name = "租借费用", amount = 300L, description = "3元/小时" } }, totalAmount = 300L, reason = "费用调整",
        });
        Assert.Equal(HttpStatusCode.OK, modifyStatus);
        Assert.Equal(300, modified.GetProperty("order").GetProperty("totalAmount").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"orders/{order}/sync", new { })).Status);
        Assert.Equal(OrderPhase.Done, (await Server.FindOrderAsync(order))!.Phase);

        var (_, detail) = await admin.DetailAsync(order);
        var calls = detail.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "call").ToList();
        // Every WeChat call is in the journal: the state-changing ones and the queries (the user's status checks, the
        // admin's look after each action), each with the request line it was sent to.
        Assert.Equal(new[] { "create", "complete", "modify", "sync" },
            calls.Select(t => t.GetProperty("kind").GetString()!).Where(k => k != "query").ToArray());
        Assert.Contains(calls, t => t.GetProperty("kind").GetString() == "query");
        Assert.All(calls, t => Assert.Equal("ok", t.GetProperty("outcome").GetString()));
        Assert.All(calls.Where(t => t.GetProperty("kind").GetString() == "query"),
            t => Assert.Matches($@"^GET /v3/payscore/partner/serviceorder\?service_id=\w+&sub_mchid=\w+&out_order_no={order} 200 ", t.GetProperty("detail").GetString()));
        Assert.Matches($"^POST /v3/payscore/partner/serviceorder/{order}/modify 20[04] ",
            calls.Single(t => t.GetProperty("kind").GetString() == "modify").GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, $"orders/{order}/sync", new { })).Status);
    }

    [Fact]
    public async Task Pay_asks_WeChat_to_collect_again_and_the_order_ends_paid()
    {
        var sandbox = fixture.Sandbox.Host;
        var admin = new AdminClient(Server);
        var alice = await TestClient.LoginAsync(Server, sandbox, "alice");
        var order = await ConfirmedOrderAsync(alice);
        var (status, body) = await admin.CompleteAsync(order, 300);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("AWAITING_PAYMENT", body.GetProperty("order").GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"orders/{order}/pay")).Status);
        var paid = await Eventually.WaitAsync(() => Server.FindOrderAsync(order), o => o?.Phase == OrderPhase.Done, "payment");
        Assert.Equal(300, paid!.PaidAmount);
        var (_, view) = await alice.GetOrderAsync(order);
        Assert.True(view.GetProperty("paid").GetBoolean());
    }

    // Found by the soak (docs/reliability.md): WeChat applied the action, its answer was lost (connection dropped after
    // the commit), the SDK resent the same bytes and WeChat refused the repeat (modify: "must be lower than the original",
    // pay / sync: ORDER_DONE). The action took effect, so the merchant must not be told that WeChat refused it.
    [Theory]
    [InlineData("modify")]
    [InlineData("pay")]
    [InlineData("sync")]
    public async Task An_action_WeChat_applied_before_its_answer_was_lost_is_reported_done_not_refused(string action)
    {
        var sandbox = fixture.Sandbox.Host;
        var admin = new AdminClient(Server);
        var alice = await TestClient.LoginAsync(Server, sandbox, "alice");
        var order = await ConfirmedOrderAsync(alice);
        Assert.Equal(HttpStatusCode.OK, (await admin.CompleteAsync(order, 400)).Status);

        sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = action, Kind = FaultKinds.CommitThenDrop, Count = 1 });
        var (status, body) = action switch
        {
            "modify" => await admin.SendAsync(HttpMethod.Post, $"orders/{order}/modify", new
            {
                fees = new[] { new { name = "租借费用", amount = 300L, description = "3元/小时" } }, totalAmount = 300L, reason = "费用调整",
            }),
            "sync" => await admin.SendAsync(HttpMethod.Post, $"orders/{order}/sync", new { }),
            _ => await admin.SendAsync(HttpMethod.Post, $"orders/{order}/pay"),
        };

        Assert.Equal(HttpStatusCode.OK, status);
        var atWeChat = sandbox.Control.GetOrder(SandboxDemoMerchant.DefaultSubMchId, order).Order;
        if (action == "modify")
        {
            Assert.Equal(300, atWeChat.TotalAmount);
            Assert.Equal(300, body.GetProperty("order").GetProperty("totalAmount").GetInt64());
        }
        else
        {
            Assert.Equal("DONE", atWeChat.State);
            await Eventually.WaitAsync(() => Server.FindOrderAsync(order), o => o?.Phase == OrderPhase.Done, "paid");
        }
    }

    private async Task<string> ConfirmedOrderAsync(TestClient alice)
    {
        var order = await alice.CreateOrderAsync();
        fixture.Sandbox.Host.Control.Confirm(order.Package, "alice");
        await alice.GetOrderAsync(order.OutOrderNo);
        await Eventually.WaitAsync(() => Server.FindOrderAsync(order.OutOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "confirmation");
        return order.OutOrderNo;
    }

    [Fact]
    public async Task Orders_can_be_filtered_and_counted_per_state_over_time()
    {
        var sandbox = fixture.Sandbox.Host;
        var admin = new AdminClient(Server);
        var alice = await TestClient.LoginAsync(Server, sandbox, "alice");
        var created = await alice.CreateOrderAsync();

        var (listStatus, list) = await admin.SendAsync(HttpMethod.Get, $"orders?phase=CREATED&q={created.OutOrderNo}");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(created.OutOrderNo, list.GetProperty("items")[0].GetProperty("outOrderNo").GetString());

        var (statsStatus, stats) = await admin.SendAsync(HttpMethod.Get, "stats?buckets=12");
        Assert.Equal(HttpStatusCode.OK, statsStatus);
        Assert.True(stats.GetProperty("counts").GetProperty("CREATED").GetInt32() >= 1);
        Assert.Equal(12, stats.GetProperty("buckets").GetArrayLength());
        Assert.True(stats.GetProperty("series").GetProperty("CREATED")[11].GetInt32() >= 1);

        var (notificationsStatus, _) = await admin.SendAsync(HttpMethod.Get, "notifications?rejected=true");
        Assert.Equal(HttpStatusCode.OK, notificationsStatus);
        Assert.True(await Server.QueryDbAsync(db => db.Orders.AnyAsync()));
    }
}
