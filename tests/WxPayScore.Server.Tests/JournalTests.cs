using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Sandbox;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Journal;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// Every WeChat call is journaled before it is sent and completed with its outcome after: the state-changing ones (see
/// the persistence and admin tests), and — here — the queries (by out_order_no, by query_id, the reconciler's) and the
/// mini-program login exchange, which is journaled without its secret and code. A read-only call cut off by a stop is
/// closed as interrupted without a repair; old read-only rows are purged after the retention period.
/// </summary>
public abstract class JournalTests<TStorage>
    where TStorage : TestStorage, new()
{
    private readonly PersistenceFixture<TStorage> fixture;

    protected JournalTests(PersistenceFixture<TStorage> fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost Server => fixture.Server;

    private SandboxHost Sandbox => fixture.Sandbox.Host;

    [StorageFact]
    public async Task Queries_are_journaled_before_they_are_sent_and_completed_with_their_outcome()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "journal-alice");
        var order = await alice.CreateOrderAsync();
        var orderId = (await Server.FindOrderAsync(order.OutOrderNo))!.Id;

        // WeChat takes 1.5 s to answer the status query: meanwhile the journal already holds the call, without an outcome.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.Query, Kind = FaultKinds.Delay, DelayMs = 1500, Count = 1 });
        try
        {
            var pending = alice.GetOrderAsync(order.OutOrderNo);
            var inFlight = await Eventually.WaitAsync(() => CallsAsync(orderId, WeChatCallOperation.Query), calls => calls.Count == 1, "the journaled query");
            Assert.Null(inFlight[0].Outcome);
            Assert.Null(inFlight[0].CompletedAt);
            Assert.Equal(HttpStatusCode.OK, (await pending).Status);
        }
        finally
        {
            Sandbox.Control.ClearFaults();
        }

        var query = Assert.Single(await CallsAsync(orderId, WeChatCallOperation.Query));
        Assert.Equal((WeChatCallOutcome.Ok, 200), (query.Outcome, query.HttpStatus));
        Assert.Matches($@"^GET /v3/payscore/partner/serviceorder\?service_id=\w+&sub_mchid=\w+&out_order_no={order.OutOrderNo}$", query.Target);
        Assert.True(query.CompletedAt - query.SentAt >= 1400, $"the outcome is stored after the answer ({query.CompletedAt - query.SentAt} ms)");

        // By query_id: the row is about no order until WeChat's answer names it.
        var confirmation = Sandbox.Control.Confirm(order.Package, "journal-alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetOrderByQueryIdAsync(confirmation.QueryId)).Status);
        var byQueryId = Assert.Single(await CallsAsync(orderId, WeChatCallOperation.QueryByQueryId));
        Assert.Equal((WeChatCallOutcome.Ok, 200), (byQueryId.Outcome, byQueryId.HttpStatus));
        Assert.Matches($@"^GET /v3/payscore/partner/serviceorder\?service_id=\w+&sub_mchid=\w+&query_id={Regex.Escape(Uri.EscapeDataString(confirmation.QueryId))}$",
            byQueryId.Target);

        // An unknown query_id: 404 for the user, WeChat's refusal in the journal.
        var unknown = "unknown-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetOrderByQueryIdAsync(unknown)).Status);
        var refused = await Server.QueryDbAsync(db => db.WeChatCalls.SingleAsync(c => c.Target!.EndsWith(unknown)));
        Assert.Equal((WeChatCallOutcome.ApiError, 404, (long?)null), (refused.Outcome, refused.HttpStatus, refused.OrderId));
        Assert.False(string.IsNullOrEmpty(refused.ErrorCode));

        // The reconciler's query of the order is journaled too.
        await Server.QueryDbAsync(db => db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.NextReconcileAt, 0L)));
        await Server.Reconciler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await CallsAsync(orderId, WeChatCallOperation.Query)).Count(c => c.Outcome == WeChatCallOutcome.Ok));
    }

    [StorageFact]
    public async Task The_login_exchange_is_journaled_without_its_secret_or_code()
    {
        var code = Sandbox.Control.CreateLoginCode("journal-bob", TestKeys.AppId).Code;
        using (var ok = await Server.Http.PostAsJsonAsync("api/session", new { code }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // The same code again: WeChat refuses a used code.
        using (var reused = await Server.Http.PostAsJsonAsync("api/session", new { code }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        }

        var logins = await Server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.Operation == WeChatCallOperation.Login).OrderByDescending(c => c.Id).Take(2).ToListAsync());
        Assert.Equal([WeChatCallOutcome.ApiError, WeChatCallOutcome.Ok], logins.Select(c => c.Outcome));
        Assert.Equal("40029", logins[0].ErrorCode); // spec: invalid code (expired, reused or another AppID)
        Assert.All(logins, call =>
        {
            Assert.Equal("GET /sns/jscode2session", call.Target);
            Assert.Null(call.OrderId);
            Assert.NotNull(call.CompletedAt);
            var row = string.Join('|', call.Target, call.ErrorCode, call.ErrorMessage, call.RequestId);
            Assert.DoesNotContain(code, row, StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.AppSecret, row, StringComparison.Ordinal);
        });

        // The admin API lists the journal, the calls about no order included.
        var (status, calls) = await new AdminClient(Server).SendAsync(HttpMethod.Get, "calls?operation=jscode2session&limit=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["api_error", "ok"], calls.EnumerateArray().Select(c => c.GetProperty("outcome").GetString()));
        Assert.All(calls.EnumerateArray(), c => Assert.Equal("GET /sns/jscode2session", c.GetProperty("target").GetString()));
        Assert.DoesNotContain(code, calls.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new AdminClient(Server, "wrong-key-0123456789").SendAsync(HttpMethod.Get, "calls")).Status);
        var (badLimit, problem) = await new AdminClient(Server).SendAsync(HttpMethod.Get, "calls?limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [StorageFact]
    public async Task A_read_only_call_cut_off_by_a_stop_is_closed_without_a_repair_and_old_ones_are_purged()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "journal-carol");
        var order = await alice.CreateOrderAsync();
        var orderId = (await Server.FindOrderAsync(order.OutOrderNo))!.Id;
        var now = DateTimeOffset.UtcNow;
        var tenMinutesAgo = now.AddMinutes(-10).ToUnixTimeMilliseconds();
        var fortyDaysAgo = now.AddDays(-40).ToUnixTimeMilliseconds();

        // What a stop leaves behind: a query sent 10 minutes ago with no outcome; and rows older than the 30-day retention.
        var (cutOff, oldQuery, oldLogin, oldCreate) = await Server.QueryDbAsync(async db =>
        {
            var rows = new[]
            {
                Row(orderId, WeChatCallOperation.Query, tenMinutesAgo, outcome: null),
                Row(orderId, WeChatCallOperation.Query, fortyDaysAgo, WeChatCallOutcome.Ok),
                Row(null, WeChatCallOperation.Login, fortyDaysAgo, WeChatCallOutcome.Ok),
                Row(orderId, WeChatCallOperation.Cancel, fortyDaysAgo, WeChatCallOutcome.ApiError),
            };
            db.WeChatCalls.AddRange(rows);
            await db.SaveChangesAsync();
            return (rows[0].Id, rows[1].Id, rows[2].Id, rows[3].Id);
        });

        // A start does not make the order due for it (nothing to repair) ...
        Assert.Equal(0, await Server.Reconciler.MarkInterruptedCallsDueAsync(CancellationToken.None));

        // ... the housekeeping closes it as interrupted and purges the old read-only rows, never a state-changing one.
        Assert.Equal((1, 2), await Server.Reconciler.TidyJournalAsync(CancellationToken.None));
        var left = await Server.QueryDbAsync(db => db.WeChatCalls.Where(c => new[] { cutOff, oldQuery, oldLogin, oldCreate }.Contains(c.Id)).ToDictionaryAsync(c => c.Id));
        Assert.Equal(WeChatCallOutcome.Interrupted, left[cutOff].Outcome);
        var (_, interrupted) = await new AdminClient(Server).SendAsync(HttpMethod.Get, "calls?outcome=interrupted");
        Assert.Equal(order.OutOrderNo, Assert.Single(interrupted.EnumerateArray()).GetProperty("outOrderNo").GetString());
        Assert.NotNull(left[cutOff].CompletedAt);
        Assert.False(left.ContainsKey(oldQuery));
        Assert.False(left.ContainsKey(oldLogin));
        Assert.Equal(WeChatCallOutcome.ApiError, left[oldCreate].Outcome);
        Assert.False(await Server.QueryDbAsync(db => db.OrderEvents.AnyAsync(e => e.OrderId == orderId && e.Kind == OrderEventKind.Repaired)));

        // Run again: nothing left to do.
        Assert.Equal((0, 0), await Server.Reconciler.TidyJournalAsync(CancellationToken.None));
    }

    private Task<List<WeChatCallRecord>> CallsAsync(long orderId, WeChatCallOperation operation) =>
        Server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.OrderId == orderId && c.Operation == operation).OrderBy(c => c.Id).ToListAsync());

    private static WeChatCallRecord Row(long? orderId, WeChatCallOperation operation, long sentAt, WeChatCallOutcome? outcome) => new()
    {
        OrderId = orderId, Operation = operation, Target = "GET /test", SentAt = sentAt, Outcome = outcome,
        CompletedAt = outcome is null ? null : sentAt + 100, Instance = "stopped-instance",
    };
}
