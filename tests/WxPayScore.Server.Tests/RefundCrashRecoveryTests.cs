using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Sandbox;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// A real crash during a refund: the server runs as its own process and is killed (SIGKILL) after WeChat accepted the
/// refund and before the server stored the answer. The next process settles it from the ledger and the journal, by
/// query: exactly one refund at WeChat. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class RefundCrashRecoveryTests<TStorage>(RefundSandbox sandbox) : FreshDatabaseTests<TStorage>(sandbox)
    where TStorage : TestStorage, new()
{
    [StorageFact]
    public async Task A_server_killed_after_WeChat_accepted_a_refund_is_settled_by_the_next_process_with_one_refund_at_WeChat()
    {
        var port = ServerProcess.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var settings = ServerHost.RealModeSettings(Sandbox, Storage, port, TempFolders.Create("refund-crash"));
        settings["PayScore:RefundNotifyUrl"] = $"http://127.0.0.1:{port}/notify/refund";
        settings["Refunds:CheckDelay"] = "00:00:01";

        string order;
        await using (var first = await ServerProcess.StartAsync(baseUrl, settings))
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", ServerSecrets.AdminKey);
            order = await CollectedOrderAsync(http);

            // No REFUND.* callback reaches either process: only the next process's reconciler can settle the refund.
            Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.Notify, Kind = FaultKinds.NeverDeliver, Count = 100 });

            // WeChat accepts the refund at once but holds its answer: the process dies in that window.
            Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundCreate, Kind = FaultKinds.CommitThenDelay, DelayMs = 30_000, Count = 1 });
            var pending = http.PostAsJsonAsync($"admin/api/orders/{order}/refunds", new { amount = 300, reason = "提前归还" });
            await Eventually.WaitAsync(() => Task.FromResult(Sandbox.Control.GetRefunds().Where(r => r.OutOrderNo == order).ToList()), r => r.Count == 1, "WeChat's acceptance");
            first.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        }

        // What the killed process left: the refund PENDING, its create journaled (with its bytes) without an outcome.
        await using (var db = TestDatabase.CreateContext(Storage))
        {
            var refund = await db.Refunds.SingleAsync();
            Assert.Equal((RefundPhase.Pending, (string?)null), (refund.Phase, refund.RefundId));
            var create = await db.WeChatCalls.SingleAsync(c => c.Operation == WeChatCallOperation.RefundCreate);
            Assert.Null(create.Outcome);
            Assert.NotNull(create.RequestBody);
        }

        // The next process: its reconciler asks WeChat about the PENDING refund and settles it.
        settings["Reconciler:Enabled"] = "true";
        await using var second = await ServerProcess.StartAsync(baseUrl, settings);
        var settled = await Eventually.WaitAsync(async () =>
        {
            await using var db = TestDatabase.CreateContext(Storage);
            return await db.Refunds.AsNoTracking().SingleAsync();
        }, r => r.Phase is RefundPhase.Processing or RefundPhase.Success, "the reconciler's settlement", TimeSpan.FromSeconds(30));
        var atWeChat = Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
        Assert.Equal((atWeChat.RefundId, atWeChat.OutRefundNo), (settled.RefundId, settled.OutRefundNo));

        await using (var db = TestDatabase.CreateContext(Storage))
        {
            var creates = await db.WeChatCalls.Where(c => c.Operation == WeChatCallOperation.RefundCreate).ToListAsync();
            Assert.Equal(WeChatCallOutcome.ReconciledFound, Assert.Single(creates).Outcome);
            Assert.True(await db.WeChatCalls.AnyAsync(c => c.Operation == WeChatCallOperation.RefundQuery && c.Outcome == WeChatCallOutcome.Ok));
            Assert.True(await db.OrderEvents.AnyAsync(e => e.Kind == OrderEventKind.RefundChanged && e.Source == OrderSource.Reconciler));
        }

        // Later: SUCCESS (by callback or query), still one refund at WeChat.
        await Eventually.WaitAsync(async () =>
        {
            await using var db = TestDatabase.CreateContext(Storage);
            return await db.Refunds.AsNoTracking().SingleAsync();
        }, r => r.Phase == RefundPhase.Success, "the refund's success", TimeSpan.FromSeconds(30));
        Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
        Sandbox.Control.ClearFaults();
    }

    private async Task<string> CollectedOrderAsync(HttpClient http)
    {
        var alice = await TestClient.LoginAsync(http, Sandbox, "alice");
        var created = await alice.CreateOrderAsync();
        Sandbox.Control.Confirm(created.Package, "alice");
        await alice.GetOrderAsync(created.OutOrderNo);
        using var complete = await http.PostAsJsonAsync($"admin/api/orders/{created.OutOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 300L, description = "3元/小时" } }, totalAmount = 300L,
        });
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, created.OutOrderNo, succeed: true);
        await Eventually.WaitAsync(async () =>
        {
            await alice.GetOrderAsync(created.OutOrderNo);
            await using var db = TestDatabase.CreateContext(Storage);
            return await db.Orders.AsNoTracking().SingleAsync(o => o.OutOrderNo == created.OutOrderNo);
        }, o => o.Phase == OrderPhase.Done, "collection");
        return created.OutOrderNo;
    }
}

/// <summary>The refund crash test on a SQLite file.</summary>
public sealed class SqliteRefundCrashRecoveryTests(RefundSandbox sandbox) : RefundCrashRecoveryTests<SqliteTestStorage>(sandbox), IClassFixture<RefundSandbox>;

/// <summary>The refund crash test on PostgreSQL (WXPAYSCORE_TEST_POSTGRES); skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresRefundCrashRecoveryTests(RefundSandbox sandbox) : RefundCrashRecoveryTests<PostgresTestStorage>(sandbox), IClassFixture<RefundSandbox>;
