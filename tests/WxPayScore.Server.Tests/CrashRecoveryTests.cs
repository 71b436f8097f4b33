using Microsoft.EntityFrameworkCore;
using WxPayScore.Sandbox;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// A real crash: the server runs as its own process; it is killed (SIGKILL) after WeChat committed a create and before
/// the server stored the answer. A new process on the same database repairs the order from the journal. Run on SQLite
/// and PostgreSQL.
/// </summary>
public abstract class CrashRecoveryTests<TStorage>(SandboxFixture sandbox) : FreshDatabaseTests<TStorage>(sandbox)
    where TStorage : TestStorage, new()
{
    [StorageFact]
    public async Task A_server_process_killed_after_WeChat_committed_a_create_is_repaired_by_the_next_process()
    {
        var port = ServerProcess.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var settings = ServerHost.RealModeSettings(Sandbox, Storage, port, TempFolders.Create("crash"));
        settings["Reconciler:Enabled"] = "true";

        string outOrderNo;
        await using (var first = await ServerProcess.StartAsync(baseUrl, settings))
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
            var alice = await TestClient.LoginAsync(http, Sandbox, "alice");

            // WeChat commits the create at once but holds its answer: the process dies in that window.
            Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.Create, Kind = FaultKinds.CommitThenDelay, DelayMs = 30_000, Count = 1 });
            var pending = alice.SendAsync(HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" });
            var committed = await Eventually.WaitAsync(() => Task.FromResult(Sandbox.Control.GetOrders()), orders => orders.Count == 1, "WeChat's commit");
            outOrderNo = committed[0].OutOrderNo!;
            first.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
            Sandbox.Control.ClearFaults();
        }

        // What the killed process left: the order CREATING, its create journaled without an outcome.
        await using (var db = TestDatabase.CreateContext(Storage))
        {
            var order = await db.Orders.SingleAsync(o => o.OutOrderNo == outOrderNo);
            Assert.Equal((OrderPhase.Creating, (string?)null), (order.Phase, order.WeChatOrderId));
            var create = await db.WeChatCalls.SingleAsync(c => c.OrderId == order.Id && c.Operation == WeChatCallOperation.Create);
            Assert.Null(create.Outcome);
        }

        // The next process: its reconciler finds the journal row without outcome and asks WeChat.
        await using var second = await ServerProcess.StartAsync(baseUrl, settings);
        var repaired = await Eventually.WaitAsync(async () =>
        {
            await using var db = TestDatabase.CreateContext(Storage);
            return await db.Orders.AsNoTracking().SingleAsync(o => o.OutOrderNo == outOrderNo);
        }, o => o.Phase == OrderPhase.Created, "the reconciler's repair", TimeSpan.FromSeconds(30));
        Assert.Equal(Sandbox.Control.GetOrders().Single().Order.OrderId, repaired.WeChatOrderId);

        await using (var db = TestDatabase.CreateContext(Storage))
        {
            var create = await db.WeChatCalls.SingleAsync(c => c.OrderId == repaired.Id && c.Operation == WeChatCallOperation.Create);
            Assert.Equal(WeChatCallOutcome.ReconciledFound, create.Outcome);
            Assert.True(await db.OrderEvents.AnyAsync(e => e.OrderId == repaired.Id && e.Kind == OrderEventKind.Repaired));
            Assert.Equal(1, await db.Orders.CountAsync());
        }

        // WeChat holds exactly one order for it: the repair asked, it did not create again.
        Assert.Single(Sandbox.Control.GetOrders());
    }
}
