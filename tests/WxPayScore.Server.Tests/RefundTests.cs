using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Refunds;
using WxPayScore.Sandbox;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// Refunds end to end against the sandbox (real HTTP, the server's own <c>/notify/refund</c> as <c>notify_url</c>), on
/// SQLite and PostgreSQL: the admin API plans, stores, sends and records; callbacks and queries settle. The sandbox
/// collects in the merchant's hands (<see cref="RefundSandbox"/>): the tests choose one collection or two parts.
/// </summary>
public abstract class RefundTests<TStorage>(RefundSandbox sandbox) : FreshDatabaseTests<TStorage>(sandbox)
    where TStorage : TestStorage, new()
{
    [StorageFact]
    public async Task A_one_detail_order_is_refunded_in_full_and_the_REFUND_SUCCESS_callback_settles_it()
    {
        await using var server = await StartAsync();
        var (order, alice) = await CollectedOrderAsync(server, 300);
        var admin = new AdminClient(server);

        var (status, body) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 300, reason = "提前归还" });
        Assert.Equal(HttpStatusCode.OK, status);
        var refund = Assert.Single(body.GetProperty("refunds").EnumerateArray());
        Assert.Equal("PROCESSING", refund.GetProperty("status").GetString());
        Assert.Equal(300, refund.GetProperty("amount").GetInt64());
        Assert.Equal(0, body.GetProperty("refundableAmount").GetInt64());
        var outRefundNo = refund.GetProperty("outRefundNo").GetString()!;

        // WeChat holds one refund of the detail's transaction, and the journal the exact request sent.
        var atWeChat = Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
        Assert.Equal((outRefundNo, 300L, 300L), (atWeChat.OutRefundNo, atWeChat.Refund, atWeChat.Total));
        var create = await server.QueryDbAsync(db => db.WeChatCalls.SingleAsync(c => c.Operation == WeChatCallOperation.RefundCreate));
        Assert.Equal(WeChatCallOutcome.Ok, create.Outcome);
        using (var sent = JsonDocument.Parse(create.RequestBody!))
        {
            Assert.Equal(outRefundNo, sent.RootElement.GetProperty("out_refund_no").GetString());
            Assert.Equal(atWeChat.TransactionId, sent.RootElement.GetProperty("transaction_id").GetString());
            Assert.Equal(new Uri(server.BaseUrl, "notify/refund").ToString(), sent.RootElement.GetProperty("notify_url").GetString());
        }

        // The refund settles at WeChat (a second later); its REFUND.SUCCESS reaches /notify/refund and moves the ledger forward.
        var settled = await Eventually.WaitAsync(() => server.QueryDbAsync(db => db.Refunds.SingleAsync()), r => r.Phase == RefundPhase.Success, "REFUND.SUCCESS");
        Assert.Equal(atWeChat.RefundId, settled.RefundId);
        Assert.NotNull(settled.SucceededAt);
        Assert.True(await server.QueryDbAsync(db => db.Notifications.AnyAsync(n => n.EventType == "REFUND.SUCCESS" && n.Outcome == NotificationOutcome.Applied)));

        // The mini program sees what was refunded; the order itself is unchanged (DONE, paid 300).
        var (_, view) = await alice.GetOrderAsync(order);
        Assert.Equal(300, view.GetProperty("refundedAmount").GetInt64());
        Assert.Equal(300, view.GetProperty("paidAmount").GetInt64());
        Assert.Equal("DONE", view.GetProperty("state").GetString());

        // The timeline shows the refund: requested, its create call, its change, the callback.
        var (_, detail) = await admin.DetailAsync(order);
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("refund_requested", kinds);
        Assert.Contains("refund_create", kinds);
        Assert.Contains("refund_changed", kinds);
        Assert.Contains("REFUND.SUCCESS", kinds);

        // Nothing is left: one more fen is over-refunding.
        var (again, problem) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Equal("exceeds_refundable", problem.GetProperty("reason").GetString());
        Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
    }

    [StorageFact]
    public async Task Partial_refunds_are_split_across_two_collection_details_within_each_balance()
    {
        await using var server = await StartAsync();
        var admin = new AdminClient(server);
        var (order, _) = await CollectedOrderAsync(server, 500, firstPart: 200);

        var (_, before) = await admin.SendAsync(HttpMethod.Get, $"orders/{order}/refunds");
        Assert.Equal(new[] { 200L, 300L }, before.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("refundable").GetInt64()).ToArray());

        // 250 = all of detail #1 (200) + 50 of detail #2: two refunds, two numbers, one per transaction.
        var (status, first) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 250, reason = "部分退款" });
        Assert.Equal(HttpStatusCode.OK, status);
        var refunds = first.GetProperty("refunds").EnumerateArray().ToList();
        Assert.Equal(new[] { (1, 200L), (2, 50L) }, refunds.Select(r => (r.GetProperty("detailSeq").GetInt32(), r.GetProperty("amount").GetInt64())).ToArray());
        Assert.Equal(2, refunds.Select(r => r.GetProperty("outRefundNo").GetString()).Distinct().Count());
        Assert.Equal(new[] { 0L, 250L }, first.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("refundable").GetInt64()).ToArray());
        Assert.Equal(250, first.GetProperty("refundableAmount").GetInt64());

        // More than is left: refused, nothing written or sent.
        var (over, problem) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 251 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over);
        Assert.Equal(250, problem.GetProperty("refundable").GetInt64());
        Assert.Equal(2, await server.QueryDbAsync(db => db.Refunds.CountAsync()));

        // The rest of detail #2.
        var (restStatus, rest) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 250 });
        Assert.Equal(HttpStatusCode.OK, restStatus);
        Assert.Equal(0, rest.GetProperty("refundableAmount").GetInt64());
        var atWeChat = Sandbox.Control.GetRefunds().Where(r => r.OutOrderNo == order).ToList();
        Assert.Equal(3, atWeChat.Count);
        Assert.Equal(500, atWeChat.Sum(r => r.Refund));
        Assert.All(atWeChat.GroupBy(r => r.TransactionId), g => Assert.True(g.Sum(r => r.Refund) <= g.First().Total));
        Assert.Equal(new[] { 200L, 300L }, atWeChat.GroupBy(r => r.TransactionId).Select(g => g.Sum(r => r.Refund)).Order().ToArray());
    }

    [StorageFact]
    public async Task Over_refund_an_uncollected_order_and_an_MCH_only_order_are_4xx_with_nothing_written_or_sent()
    {
        await using var server = await StartAsync();
        var admin = new AdminClient(server);
        var alice = await TestClient.LoginAsync(server, Sandbox, "alice");

        // Not collected: confirmed, not completed.
        var confirmed = await ConfirmedOrderAsync(server, alice);
        var (notDone, notDoneProblem) = await admin.SendAsync(HttpMethod.Post, $"orders/{confirmed}/refunds", new { amount = 100 });
        Assert.Equal(HttpStatusCode.Conflict, notDone);
        Assert.Equal("not_collected", notDoneProblem.GetProperty("reason").GetString());

        // Paid elsewhere (sync: an MCH detail): nothing to refund through WeChat.
        var mch = await ConfirmedOrderAsync(server, alice);
        Assert.Equal(HttpStatusCode.OK, (await admin.CompleteAsync(mch, 300)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"orders/{mch}/sync", new { })).Status);
        var (mchOnly, mchProblem) = await admin.SendAsync(HttpMethod.Post, $"orders/{mch}/refunds", new { amount = 100 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mchOnly);
        Assert.Equal("nothing_refundable", mchProblem.GetProperty("reason").GetString());

        // More than collected; a zero amount; a reason over 80 bytes; an unknown order.
        var (paid, _) = await CollectedOrderAsync(server, 300, alice);
        var (over, overProblem) = await admin.SendAsync(HttpMethod.Post, $"orders/{paid}/refunds", new { amount = 301 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over);
        Assert.Equal(("exceeds_refundable", 300L), (overProblem.GetProperty("reason").GetString(), overProblem.GetProperty("refundable").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, $"orders/{paid}/refunds", new { amount = 0 })).Status);
        var (longReason, reasonProblem) = await admin.SendAsync(HttpMethod.Post, $"orders/{paid}/refunds", new { amount = 100, reason = new string('退', 27) });
        Assert.Equal(HttpStatusCode.BadRequest, longReason);
        Assert.Equal("reason", reasonProblem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Post, "orders/NOSUCHORDER/refunds", new { amount = 100 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, $"orders/{paid}/refunds", rawBody: "{\"amount\":\"lots\"}")).Status);

        Assert.Equal(0, await server.QueryDbAsync(db => db.Refunds.CountAsync()));
        Assert.Equal(0, await server.QueryDbAsync(db => db.WeChatCalls.CountAsync(c => c.Operation == WeChatCallOperation.RefundCreate)));
        Assert.Equal(0, await server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.Kind == OrderEventKind.RefundRequested)));
        Assert.DoesNotContain(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == confirmed || r.OutOrderNo == mch || r.OutOrderNo == paid);
    }

    [StorageFact]
    public async Task Duplicate_and_out_of_order_refund_callbacks_apply_once_and_only_forward()
    {
        await using var server = await StartAsync();
        var admin = new AdminClient(server);
        var (order, _) = await CollectedOrderAsync(server, 300);

        // WeChat keeps the refund PROCESSING (the sub-merchant's balance is queued): only the forged callbacks move it.
        Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "queue", 0);
        try
        {
            var (status, body) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 120 });
            Assert.Equal(HttpStatusCode.OK, status);
            var refund = await server.QueryDbAsync(db => db.Refunds.SingleAsync());
            Assert.Equal(RefundPhase.Processing, refund.Phase);

            using var forge = new CallbackForge();
            RefundNotification Notification(string status, long amount = 120) => new()
            {
                SpMchId = TestKeys.MchId, SubMchId = TestKeys.SubMchId, TransactionId = refund.TransactionId, OutTradeNo = "T1", RefundId = refund.RefundId,
                OutRefundNo = refund.OutRefundNo, RefundStatusText = status, UserReceivedAccount = "支付用户零钱",
                SuccessTime = status == "SUCCESS" ? DateTimeOffset.UtcNow : null,
                Amount = new RefundNotificationAmount { Total = 300, Refund = amount, PayerTotal = 300, PayerRefund = amount },
            };
            async Task<HttpStatusCode> PostAsync(ForgedCallback callback) => (await CallbackForge.PostAsync(server, callback, path: "notify/refund")).Status;

            // A notification that does not match the ledger (another amount) is logged and not applied.
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(forge.BuildRefund("REFUND.SUCCESS", Notification("SUCCESS", 121))));
            Assert.Equal(RefundPhase.Processing, (await server.QueryDbAsync(db => db.Refunds.SingleAsync())).Phase);

            var abnormal = forge.BuildRefund("REFUND.ABNORMAL", Notification("ABNORMAL"));
            var success = forge.BuildRefund("REFUND.SUCCESS", Notification("SUCCESS"));
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(abnormal));
            Assert.Equal(RefundPhase.Abnormal, (await server.QueryDbAsync(db => db.Refunds.SingleAsync())).Phase);
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(success));
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(success)); // the same notification again
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(abnormal)); // and the older one again
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(forge.BuildRefund("REFUND.ABNORMAL", Notification("ABNORMAL")))); // late, new id
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(forge.BuildRefund("REFUND.CLOSED", Notification("CLOSED")))); // never after SUCCESS

            var settled = await server.QueryDbAsync(db => db.Refunds.SingleAsync());
            Assert.Equal(RefundPhase.Success, settled.Phase);
            var outcomes = await server.QueryDbAsync(db => db.Notifications.Where(n => n.EventType!.StartsWith("REFUND.")).OrderBy(n => n.Id)
                .Select(n => n.Outcome).ToListAsync());
            Assert.Equal(new[]
            {
                NotificationOutcome.NoChange, NotificationOutcome.Applied, NotificationOutcome.Applied, NotificationOutcome.Duplicate,
                NotificationOutcome.Duplicate, NotificationOutcome.NoChange, NotificationOutcome.NoChange,
            }, outcomes);
            Assert.Equal(2, await server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.Kind == OrderEventKind.RefundChanged && e.Source == OrderSource.Callback)));

            // A notification about a refund the ledger does not have, and a forged signature.
            var unknown = Notification("SUCCESS") with { OutRefundNo = "NOSUCHREFUND" };
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(forge.BuildRefund("REFUND.SUCCESS", unknown)));
            Assert.True(await server.QueryDbAsync(db => db.Notifications.AnyAsync(n => n.Outcome == NotificationOutcome.UnknownOrder && n.EventType == "REFUND.SUCCESS")));
            var tampered = forge.BuildRefund("REFUND.CLOSED", Notification("CLOSED"));
            Assert.Equal(HttpStatusCode.Unauthorized, (await CallbackForge.PostAsync(server, tampered, CallbackForge.Tamper(tampered.Body), "notify/refund")).Status);
            Assert.Equal(RefundPhase.Success, (await server.QueryDbAsync(db => db.Refunds.SingleAsync())).Phase);
        }
        finally
        {
            Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "unlimited", 0);
        }
    }

    [StorageFact]
    public async Task The_reconciler_settles_a_PROCESSING_refund_by_query_and_journals_the_query()
    {
        await using var server = await StartAsync(s => s["Refunds:CheckDelay"] = "00:00:00.200");
        var admin = new AdminClient(server);
        var (order, _) = await CollectedOrderAsync(server, 300);

        // No callback reaches the server (WeChat never delivers it): only the query can settle the refund.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.Notify, Kind = FaultKinds.NeverDeliver, Count = 100 });
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 300 })).Status);
            await Eventually.WaitAsync(() => Task.FromResult(Sandbox.Control.GetRefunds().Single(r => r.OutOrderNo == order)), r => r.Status == "SUCCESS",
                "the refund's success at WeChat");
            await Task.Delay(300);
            var reconciler = server.Services.GetService(typeof(WxPayScore.Server.Refunds.RefundReconciler)) as WxPayScore.Server.Refunds.RefundReconciler;
            Assert.Equal(1, await reconciler!.RunOnceAsync(CancellationToken.None));
            var settled = await server.QueryDbAsync(db => db.Refunds.SingleAsync());
            Assert.Equal(RefundPhase.Success, settled.Phase);
            Assert.Null(settled.NextCheckAt);
            Assert.True(await server.QueryDbAsync(db => db.WeChatCalls.AnyAsync(c => c.Operation == WeChatCallOperation.RefundQuery && c.Outcome == WeChatCallOutcome.Ok)));
            Assert.True(await server.QueryDbAsync(db => db.OrderEvents.AnyAsync(e => e.Kind == OrderEventKind.RefundChanged && e.Source == OrderSource.Reconciler)));
            Assert.Equal(0, await reconciler.RunOnceAsync(CancellationToken.None));
        }
        finally
        {
            Sandbox.Control.ClearFaults();
        }
    }

    [StorageFact]
    public async Task A_refund_WeChat_never_received_is_resent_by_the_reconciler_with_the_same_number_and_bytes()
    {
        await using var server = await StartAsync(s => s["Refunds:CheckDelay"] = "00:00:00.200");
        var admin = new AdminClient(server);
        var (order, _) = await CollectedOrderAsync(server, 300);

        // Every attempt is dropped before WeChat processes it: the outcome is unknown, the refund stays PENDING.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundCreate, Kind = FaultKinds.DropConnection, Count = 100 });
        var (status, body) = await admin.SendAsync(HttpMethod.Post, $"orders/{order}/refunds", new { amount = 200 });
        Sandbox.Control.ClearFaults();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PENDING", Assert.Single(body.GetProperty("refunds").EnumerateArray()).GetProperty("status").GetString());
        Assert.DoesNotContain(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
        Assert.Equal(100, body.GetProperty("refundableAmount").GetInt64());

        // The reconciler: WeChat has no such refund (404), so the same request is sent again.
        await Task.Delay(300);
        var reconciler = (WxPayScore.Server.Refunds.RefundReconciler)server.Services.GetService(typeof(WxPayScore.Server.Refunds.RefundReconciler))!;
        Assert.Equal(1, await reconciler.RunOnceAsync(CancellationToken.None));
        var refund = await server.QueryDbAsync(db => db.Refunds.SingleAsync());
        Assert.Equal(RefundPhase.Processing, refund.Phase);
        var atWeChat = Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutOrderNo == order);
        Assert.Equal((refund.OutRefundNo, refund.RefundId, 200L), (atWeChat.OutRefundNo, atWeChat.RefundId, atWeChat.Refund));
        var creates = await server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.Operation == WeChatCallOperation.RefundCreate).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, creates.Count);
        Assert.Equal(creates[0].RequestBody, creates[1].RequestBody);
        Assert.Equal((WeChatCallOutcome.ReconciledNotFound, WeChatCallOutcome.Ok), (creates[0].Outcome, creates[1].Outcome));
    }

    private Task<ServerHost> StartAsync(Action<Dictionary<string, string?>>? configure = null) =>
        ServerHost.StartAsync(Sandbox, Storage, settings =>
        {
            settings["PayScore:RefundNotifyUrl"] = settings["PayScore:NotifyUrl"]!.Replace("/notify/payscore", "/notify/refund", StringComparison.Ordinal);
            configure?.Invoke(settings);
        });

    private async Task<string> ConfirmedOrderAsync(ServerHost server, TestClient alice)
    {
        var order = await alice.CreateOrderAsync();
        Sandbox.Control.Confirm(order.Package, alice.User);
        await alice.GetOrderAsync(order.OutOrderNo);
        await Eventually.WaitAsync(() => server.FindOrderAsync(order.OutOrderNo), o => o?.Phase == OrderPhase.UserConfirmed, "confirmation");
        return order.OutOrderNo;
    }

    /// <summary>A DONE order of <paramref name="amount"/> fen, collected at once or in two parts (the first of <paramref name="firstPart"/>).</summary>
    private async Task<(string OutOrderNo, TestClient Alice)> CollectedOrderAsync(ServerHost server, long amount, TestClient? alice = null, long? firstPart = null)
    {
        alice ??= await TestClient.LoginAsync(server, Sandbox, "alice");
        var order = await ConfirmedOrderAsync(server, alice);
        Assert.Equal(HttpStatusCode.OK, (await new AdminClient(server).CompleteAsync(order, amount)).Status);
        if (firstPart is { } part)
        {
            Sandbox.Control.CollectPart(TestKeys.SubMchId, order, part);
        }

        Sandbox.Control.SetPaymentOutcome(TestKeys.SubMchId, order, succeed: true);
        await Sandbox.Control.WaitForDeliveriesAsync();
        await alice.GetOrderAsync(order);
        var done = await Eventually.WaitAsync(() => server.FindOrderAsync(order), o => o?.Phase == OrderPhase.Done && o.PaidAmount == amount, "collection");
        Assert.Equal(firstPart is null ? 1 : 2, done!.CollectionDetailsCount);
        return (order, alice);
    }
}

/// <summary>The refund tests on a SQLite file.</summary>
public sealed class SqliteRefundTests(RefundSandbox sandbox) : RefundTests<SqliteTestStorage>(sandbox), IClassFixture<RefundSandbox>;

/// <summary>The refund tests on PostgreSQL (WXPAYSCORE_TEST_POSTGRES); skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresRefundTests(RefundSandbox sandbox) : RefundTests<PostgresTestStorage>(sandbox), IClassFixture<RefundSandbox>;
