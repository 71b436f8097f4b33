using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The server's behaviour that depends on storage, run against SQLite and PostgreSQL (the concrete classes below):
/// the full flow, ownership, callbacks (valid, duplicate, forged, stale, SIGNTEST, tampered, out of order, partial
/// collections), faults during create, crash repair by the reconciler, and bad input writing nothing.
/// </summary>
public abstract class PersistenceTests<TStorage>
    where TStorage : TestStorage, new()
{
    private readonly PersistenceFixture<TStorage> fixture;

    protected PersistenceTests(PersistenceFixture<TStorage> fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost Server => fixture.Server;

    private SandboxHost Sandbox => fixture.Sandbox.Host;

    [StorageFact]
    public async Task Full_flow_by_query_id_from_create_to_paid()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        Assert.Equal("CREATED", order.Body.GetProperty("state").GetString());
        Assert.Equal("wxpayScoreUse", order.Body.GetProperty("openBusinessView").GetProperty("businessType").GetString());
        Assert.Equal("wxd8f3793ea3b935b8", order.Body.GetProperty("navigateToMiniProgram").GetProperty("appId").GetString());
        Assert.Equal(order.Package, order.Body.GetProperty("navigateToMiniProgram").GetProperty("extraData").GetProperty("package").GetString());

        var (status, before) = await alice.GetOrderAsync(order.OutOrderNo);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(before.GetProperty("confirmed").GetBoolean());

        var confirmation = Sandbox.Control.Confirm(order.Package, "alice");
        var (byQuery, view) = await alice.GetOrderByQueryIdAsync(confirmation.QueryId);
        Assert.Equal(HttpStatusCode.OK, byQuery);
        Assert.Equal(order.OutOrderNo, view.GetProperty("outOrderNo").GetString());
        Assert.True(view.GetProperty("confirmed").GetBoolean());
        Assert.False(view.GetProperty("paid").GetBoolean());
        await WaitForPhaseAsync(order.OutOrderNo, OrderPhase.UserConfirmed);

        var (completed, _) = await new AdminClient(Server).CompleteAsync(order.OutOrderNo, 300);
        Assert.Equal(HttpStatusCode.OK, completed);
        var stored = await WaitForPhaseAsync(order.OutOrderNo, OrderPhase.Done);
        Assert.Equal(300, stored.PaidAmount);

        var (_, paid) = await alice.GetOrderByQueryIdAsync(confirmation.QueryId);
        Assert.True(paid.GetProperty("paid").GetBoolean());
        Assert.True(paid.GetProperty("terminal").GetBoolean());
        Assert.Equal(300, paid.GetProperty("paidAmount").GetInt64());

        // The dashboard's history shows both callbacks, verified and applied.
        await Sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var (_, detail) = await new AdminClient(Server).DetailAsync(order.OutOrderNo);
        var callbacks = detail.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "callback").ToList();
        Assert.Contains(callbacks, c => c.GetProperty("kind").GetString() == "PAYSCORE.USER_CONFIRM" && c.GetProperty("verification").GetString() == "ok");
        Assert.Contains(callbacks, c => c.GetProperty("kind").GetString() == "PAYSCORE.USER_PAID" && c.GetProperty("verification").GetString() == "ok");
    }

    [StorageFact]
    public async Task Full_flow_by_out_order_no()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        Sandbox.Control.Confirm(order.Package, "alice");
        var (status, view) = await alice.GetOrderAsync(order.OutOrderNo);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DOING", view.GetProperty("state").GetString());
        Assert.Equal("USER_CONFIRM", view.GetProperty("stateDescription").GetString());
        Assert.True(view.GetProperty("confirmed").GetBoolean());
        Assert.Equal(9900, view.GetProperty("riskFundAmount").GetInt64());

        await WaitForPhaseAsync(order.OutOrderNo, OrderPhase.UserConfirmed);
        Assert.Equal(HttpStatusCode.OK, (await new AdminClient(Server).CompleteAsync(order.OutOrderNo, 600)).Status);
        var (_, paid) = await alice.GetOrderAsync(order.OutOrderNo);
        Assert.Equal("DONE", paid.GetProperty("state").GetString());
        Assert.Equal("USER_PAID", paid.GetProperty("collectionState").GetString());
        Assert.True(paid.GetProperty("paid").GetBoolean());
        Assert.Equal(600, paid.GetProperty("totalAmount").GetInt64());
    }

    [StorageFact]
    public async Task Another_user_gets_404_for_an_order_that_is_not_theirs()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var bob = await TestClient.LoginAsync(Server, Sandbox, "bob");
        var order = await alice.CreateOrderAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetOrderAsync(order.OutOrderNo)).Status);
        var confirmation = Sandbox.Control.Confirm(order.Package, "alice");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetOrderByQueryIdAsync(confirmation.QueryId)).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetOrderByQueryIdAsync(confirmation.QueryId)).Status);

        // Created by alice but confirmed at WeChat by bob: nobody sees it as theirs.
        var second = await alice.CreateOrderAsync();
        var confirmedByBob = Sandbox.Control.Confirm(second.Package, "bob");
        var (status, problem) = await alice.GetOrderAsync(second.OutOrderNo);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetOrderByQueryIdAsync(confirmedByBob.QueryId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetOrderAsync(second.OutOrderNo)).Status);
    }

    [StorageFact]
    public async Task A_valid_callback_delivered_twice_is_applied_once()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        using var forge = new CallbackForge();
        var callback = forge.Build("PAYSCORE.USER_CONFIRM", Snapshot(order.OutOrderNo, "DOING", "USER_CONFIRM", alice.OpenId));

        Assert.Equal(HttpStatusCode.NoContent, (await CallbackForge.PostAsync(Server, callback)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackForge.PostAsync(Server, callback)).Status);

        var stored = await Server.FindOrderAsync(order.OutOrderNo);
        Assert.Equal(OrderPhase.UserConfirmed, stored!.Phase);
        Assert.Equal(alice.OpenId, stored.ConfirmedOpenId);
        Assert.Equal(1, await CountCallbackChangesAsync(stored.Id));
        var outcomes = await Server.QueryDbAsync(db => db.Notifications.Where(n => n.NotificationId == callback.Id).Select(n => n.Outcome).ToListAsync());
        Assert.Equal([NotificationOutcome.Applied, NotificationOutcome.Duplicate], outcomes.Order().ToArray());
        Assert.Equal(1, await Server.QueryDbAsync(db => db.ProcessedNotifications.CountAsync(p => p.NotificationId == callback.Id)));
    }

    [StorageFact]
    public async Task A_callback_changes_what_its_snapshot_says_and_keeps_every_other_column()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        await Server.QueryDbAsync(db => db.Orders.Where(o => o.OutOrderNo == order.OutOrderNo)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, "another-instance").SetProperty(o => o.LeaseUntil, 4102444800000L)));
        var before = (await Server.FindOrderAsync(order.OutOrderNo))!;
        using var forge = new CallbackForge();
        var callback = forge.Build("PAYSCORE.USER_CONFIRM", Snapshot(order.OutOrderNo, "DOING", "USER_CONFIRM", alice.OpenId));
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackForge.PostAsync(Server, callback)).Status);

        var after = (await Server.FindOrderAsync(order.OutOrderNo))!;
        Assert.Equal((OrderPhase.UserConfirmed, "DOING", "USER_CONFIRM", alice.OpenId), (after.Phase, after.State, after.StateDescription, after.ConfirmedOpenId));
        Assert.Contains(callback.Id, await Server.QueryDbAsync(db => db.OrderEvents.Where(e => e.OrderId == after.Id).Select(e => e.NotificationId).ToListAsync()));
        Assert.NotEqual(before.SnapshotJson, after.SnapshotJson);
        Assert.Equal(
            (before.Id, before.SubMchId, before.ServiceId, before.AppId, before.SubAppId, before.PlanId, before.OwnerOpenId, before.RiskFundAmount, before.CreatedAt, before.Package),
            (after.Id, after.SubMchId, after.ServiceId, after.AppId, after.SubAppId, after.PlanId, after.OwnerOpenId, after.RiskFundAmount, after.CreatedAt, after.Package));
        Assert.Equal((before.TotalAmount, before.PaidAmount, "another-instance", 4102444800000L), (after.TotalAmount, after.PaidAmount, after.LeaseOwner, after.LeaseUntil));
        Assert.Equal(before.CreateBody, after.CreateBody);
        Assert.True(after.UpdatedAt >= before.UpdatedAt);
    }

    [StorageFact]
    public async Task Forged_stale_signtest_and_tampered_callbacks_are_refused_and_change_nothing()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        var before = await Server.FindOrderAsync(order.OutOrderNo);
        var eventsBefore = await Server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == before!.Id));
        using var forge = new CallbackForge();
        var snapshot = Snapshot(order.OutOrderNo, "DOING", "USER_CONFIRM", alice.OpenId);

        var forged = forge.Build("PAYSCORE.USER_CONFIRM", snapshot, signWith: TestKeys.Attacker);
        var stale = forge.Build("PAYSCORE.USER_CONFIRM", snapshot, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        var probe = forge.Build("PAYSCORE.USER_CONFIRM", snapshot, signatureOverride: "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(new byte[256]));
        var genuine = forge.Build("PAYSCORE.USER_CONFIRM", snapshot);
        var unknownSerial = forge.Build("PAYSCORE.USER_CONFIRM", snapshot, serial: "PUB_KEY_ID_0999");

        foreach (var (callback, body, expected) in new[]
                 {
                     (forged, (byte[]?)null, "InvalidSignature"),
                     (stale, null, "StaleTimestamp"),
                     (probe, null, "SignatureProbe"),
                     (genuine, CallbackForge.Tamper(genuine.Body), "InvalidSignature"),
                     (unknownSerial, null, "UnknownSerial"),
                 })
        {
            var (status, answer) = await CallbackForge.PostAsync(Server, callback, body);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            using var json = JsonDocument.Parse(answer);
            Assert.Equal("FAIL", json.RootElement.GetProperty("code").GetString());
            Assert.Contains(expected, json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // Too large (refused before any work) and signed-but-not-a-notification bodies get WeChat's failure format too.
        var (largeStatus, largeAnswer) = await CallbackForge.PostAsync(Server, genuine, new byte[100_000]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, largeStatus);
        Assert.Contains("\"FAIL\"", largeAnswer, StringComparison.Ordinal);
        var (noHeadersStatus, noHeadersAnswer) = await CallbackForge.PostAsync(Server, genuine with { Signature = string.Empty });
        Assert.Equal(HttpStatusCode.Unauthorized, noHeadersStatus);
        Assert.Contains("MissingHeaders", noHeadersAnswer, StringComparison.Ordinal);

        var after = await Server.FindOrderAsync(order.OutOrderNo);
        Assert.Equal(OrderPhase.Created, after!.Phase);
        Assert.Null(after.ConfirmedOpenId);
        Assert.Equal(eventsBefore, await Server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == before!.Id)));
        Assert.Equal(0, await Server.QueryDbAsync(db => db.ProcessedNotifications.CountAsync(p => p.NotificationId == genuine.Id)));
        var rejected = await Server.QueryDbAsync(db => db.Notifications.Where(n => n.Outcome == NotificationOutcome.Rejected).Select(n => n.Verification).ToListAsync());
        Assert.Contains("SignatureProbe", rejected);
        Assert.Contains("StaleTimestamp", rejected);

        // The genuine one, untampered, is then accepted.
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackForge.PostAsync(Server, genuine)).Status);
        Assert.Equal(OrderPhase.UserConfirmed, (await Server.FindOrderAsync(order.OutOrderNo))!.Phase);
    }

    [StorageFact]
    public async Task A_later_USER_PAID_with_more_collection_details_still_updates()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        using var forge = new CallbackForge();
        await PostOkAsync(forge.Build("PAYSCORE.USER_CONFIRM", Snapshot(order.OutOrderNo, "DOING", "USER_CONFIRM", alice.OpenId)));

        var partial1 = Paid(order.OutOrderNo, alice.OpenId, "DOING", "MCH_COMPLETE", "USER_PAYING", 300, 100, 1);
        var partial2 = Paid(order.OutOrderNo, alice.OpenId, "DOING", "MCH_COMPLETE", "USER_PAYING", 300, 200, 2);
        var final = Paid(order.OutOrderNo, alice.OpenId, "DONE", null, "USER_PAID", 300, 300, 3);

        await PostOkAsync(forge.Build("PAYSCORE.USER_PAID", partial1));
        Assert.Equal(100, (await Server.FindOrderAsync(order.OutOrderNo))!.PaidAmount);
        await PostOkAsync(forge.Build("PAYSCORE.USER_PAID", partial2));
        var afterSecond = await Server.FindOrderAsync(order.OutOrderNo);
        Assert.Equal(OrderPhase.AwaitingPayment, afterSecond!.Phase);
        Assert.Equal(200, afterSecond.PaidAmount);
        Assert.Equal(2, afterSecond.CollectionDetailsCount);

        await PostOkAsync(forge.Build("PAYSCORE.USER_PAID", final));
        // A late copy of the first partial collection (new notification id) changes nothing.
        await PostOkAsync(forge.Build("PAYSCORE.USER_PAID", partial1));
        var done = await Server.FindOrderAsync(order.OutOrderNo);
        Assert.Equal(OrderPhase.Done, done!.Phase);
        Assert.Equal(300, done.PaidAmount);
        Assert.Equal(3, done.CollectionDetailsCount);
        var kinds = await Server.QueryDbAsync(db => db.OrderEvents.Where(e => e.OrderId == done.Id && e.Source == OrderSource.Callback).Select(e => e.Kind).ToListAsync());
        Assert.Equal(4, kinds.Count);
        Assert.Single(kinds, OrderEventKind.CollectionUpdated);
    }

    [StorageFact]
    public async Task A_USER_CONFIRM_arriving_after_USER_PAID_changes_nothing()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        using var forge = new CallbackForge();
        await PostOkAsync(forge.Build("PAYSCORE.USER_PAID", Paid(order.OutOrderNo, alice.OpenId, "DONE", null, "USER_PAID", 300, 300, 1)));
        var late = forge.Build("PAYSCORE.USER_CONFIRM", Snapshot(order.OutOrderNo, "DOING", "USER_CONFIRM", alice.OpenId));
        await PostOkAsync(late);

        var stored = await Server.FindOrderAsync(order.OutOrderNo);
        Assert.Equal(OrderPhase.Done, stored!.Phase);
        Assert.Equal("DONE", stored.State);
        var outcome = await Server.QueryDbAsync(db => db.Notifications.Where(n => n.NotificationId == late.Id).Select(n => n.Outcome).SingleAsync());
        Assert.Equal(NotificationOutcome.NoChange, outcome);
        Assert.Equal(1, await CountCallbackChangesAsync(stored.Id));
    }

    [StorageFact]
    public async Task The_sandbox_delivering_a_probe_and_duplicates_leads_to_one_state_change()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = FaultKinds.SignTestProbe, Count = 1 });
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = FaultKinds.Duplicate, Count = 1 });
        try
        {
            Sandbox.Control.Confirm(order.Package, "alice");
            var stored = await WaitForPhaseAsync(order.OutOrderNo, OrderPhase.UserConfirmed);
            await Sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(300);
            Assert.Equal(1, await CountCallbackChangesAsync(stored.Id));
        }
        finally
        {
            Sandbox.Control.ClearFaults();
        }
    }

    [StorageFact]
    public async Task Sandbox_faults_during_create_end_with_exactly_one_order()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        foreach (var kind in new[] { FaultKinds.SystemError, FaultKinds.CommitThenDrop, FaultKinds.FrequencyLimited, FaultKinds.DropConnection })
        {
            Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = kind, Count = 1 });
            try
            {
                var order = await alice.CreateOrderAsync();
                Assert.Equal(1, await Server.QueryDbAsync(db => db.Orders.CountAsync(o => o.OutOrderNo == order.OutOrderNo)));
                Assert.Single(Sandbox.Control.GetOrders(), o => o.OutOrderNo == order.OutOrderNo);
                var stored = await Server.FindOrderAsync(order.OutOrderNo);
                Assert.Equal(OrderPhase.Created, stored!.Phase);
                var calls = await Server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.OrderId == stored.Id && c.Operation == WeChatCallOperation.Create).ToListAsync());
                Assert.Equal(WeChatCallOutcome.Ok, Assert.Single(calls).Outcome);

                // And the order works: it can be confirmed.
                Sandbox.Control.Confirm(order.Package, "alice");
                Assert.True((await alice.GetOrderAsync(order.OutOrderNo)).Body.GetProperty("confirmed").GetBoolean(), kind);
            }
            finally
            {
                Sandbox.Control.ClearFaults();
            }
        }
    }

    [StorageFact]
    public async Task A_create_without_answer_is_kept_and_settled_by_the_reconciler()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");

        // WeChat committed, but no answer ever came back: 504, the order is kept (CREATING) and later found.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = FaultKinds.CommitThenDrop, Count = 20 });
        var (committedStatus, committedProblem) = await TestClient.ReadAsync(await alice.SendAsync(HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" }));
        Sandbox.Control.ClearFaults();
        Assert.Equal(HttpStatusCode.GatewayTimeout, committedStatus);
        var committedNo = committedProblem.GetProperty("outOrderNo").GetString()!;
        Assert.Equal(OrderPhase.Creating, (await Server.FindOrderAsync(committedNo))!.Phase);

        // WeChat failed every time (nothing committed): 503, the order is kept and later found never to exist.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "create", Kind = FaultKinds.SystemError, Count = 20 });
        var (failedStatus, failedProblem) = await TestClient.ReadAsync(await alice.SendAsync(HttpMethod.Post, "api/orders", new { planId = "powerbank-hourly" }));
        Sandbox.Control.ClearFaults();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedStatus);
        var failedNo = failedProblem.GetProperty("outOrderNo").GetString()!;
        Assert.Equal(OrderPhase.Creating, (await Server.FindOrderAsync(failedNo))!.Phase);

        await Task.Delay(1200); // Reconciler:PendingCreateGrace is 1 s in the tests.
        await Server.Reconciler.RunOnceAsync(CancellationToken.None);

        var found = await Server.FindOrderAsync(committedNo);
        Assert.Equal(OrderPhase.Created, found!.Phase);
        Assert.NotNull(found.WeChatOrderId);
        Assert.Single(Sandbox.Control.GetOrders(), o => o.OutOrderNo == committedNo);
        Assert.Equal(OrderPhase.CreateFailed, (await Server.FindOrderAsync(failedNo))!.Phase);
        Assert.DoesNotContain(Sandbox.Control.GetOrders(), o => o.OutOrderNo == failedNo);
        var outcomes = await Server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.OrderId == found.Id).OrderBy(c => c.Id).Select(c => c.Operation + " " + c.Outcome).ToListAsync());
        Assert.Equal(["create reconciled_found", "query ok"], outcomes);
        var failed = (await Server.FindOrderAsync(failedNo))!;
        var failedCalls = await Server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.OrderId == failed.Id).OrderBy(c => c.Id).Select(c => c.Operation + " " + c.Outcome + " " + c.ErrorCode).ToListAsync());
        Assert.Equal(["create api_error SYSTEM_ERROR", "query api_error ORDER_NOT_EXIST"], failedCalls);
    }

    [StorageFact]
    public async Task A_server_killed_between_sending_and_storing_is_repaired_by_the_reconciler_of_the_next_start()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = "notify", Kind = FaultKinds.NeverDeliver, Count = 1 });
        Sandbox.Control.Confirm(order.Package, "alice");

        // What a process killed right after sending the create leaves behind: the order and the journaled request, no outcome.
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        await Server.QueryDbAsync(async db =>
        {
            var stored = await db.Orders.AsTracking().SingleAsync(o => o.OutOrderNo == order.OutOrderNo);
            stored.Phase = OrderPhase.Creating;
            stored.Rank = 0;
            stored.State = null;
            stored.WeChatOrderId = null;
            stored.Package = null;
            stored.SnapshotJson = null;
            stored.CreatedAt = longAgo;
            stored.NextReconcileAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            var call = await db.WeChatCalls.AsTracking().SingleAsync(c => c.OrderId == stored.Id && c.Operation == WeChatCallOperation.Create);
            call.Outcome = null;
            call.CompletedAt = null;
            call.HttpStatus = null;
            call.SentAt = longAgo;
            db.OrderEvents.RemoveRange(db.OrderEvents.Where(e => e.OrderId == stored.Id && e.Kind != OrderEventKind.Created));
            return await db.SaveChangesAsync();
        });

        // A new server starts on the same database, with its reconciler on.
        await using var restarted = await ServerHost.StartAsync(Sandbox, fixture.Storage, settings => settings["Reconciler:Enabled"] = "true");
        var repaired = await Eventually.WaitAsync(() => restarted.FindOrderAsync(order.OutOrderNo), o => o!.Phase == OrderPhase.UserConfirmed, "the reconciler's repair");
        Assert.Equal(alice.OpenId, repaired!.ConfirmedOpenId);
        Assert.NotNull(repaired.WeChatOrderId);
        var call = await restarted.QueryDbAsync(db => db.WeChatCalls.SingleAsync(c => c.OrderId == repaired.Id && c.Operation == WeChatCallOperation.Create));
        Assert.Equal(WeChatCallOutcome.ReconciledFound, call.Outcome);
        Assert.True(await restarted.QueryDbAsync(db => db.OrderEvents.AnyAsync(e => e.OrderId == repaired.Id && e.Kind == OrderEventKind.Repaired)));
    }

    [StorageFact]
    public async Task The_create_path_stores_the_answer_over_the_inserted_order_only_while_its_version_is_unchanged()
    {
        var writes = Server.Services.GetRequiredService<Persistence.OrderWrites>();
        var applier = Server.Services.GetRequiredService<OrderSnapshotApplier>();
        var journal = Server.Services.GetRequiredService<WeChatCallJournal>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        async Task<(Persistence.OrderRecord Order, Persistence.WeChatCallRecord Call)> InsertAsync()
        {
            var order = new Persistence.OrderRecord
            {
                SubMchId = TestKeys.SubMchId, OutOrderNo = "T" + Guid.NewGuid().ToString("N")[..20], ServiceId = TestKeys.ServiceId,
                AppId = TestKeys.AppId, PlanId = "powerbank-hourly", OwnerOpenId = "o-writer-test", Phase = OrderPhase.Creating,
                RiskFundAmount = 9900, CreateBody = [1, 2, 3], CreatedAt = now, UpdatedAt = now,
            };
            applier.Schedule(order, now);
            var created = new Persistence.OrderEventRecord { At = now, Kind = OrderEventKind.Created, Source = OrderSource.Api, ToPhase = OrderPhase.Creating };
            var call = journal.Begin(null, WeChatCallOperation.Create, "POST /v3/payscore/partner/serviceorder", order.CreateBody, now);
            await writes.InsertCreatingAsync(order, created, call, CancellationToken.None);
            Assert.True(order.Id > 0 && created.Id > 0 && call.Id > 0);
            Assert.Equal(order.Id, created.OrderId);
            Assert.Equal(order.Id, call.OrderId);
            Assert.Equal(0, order.Version);
            return (order, call);
        }

        Task SettleAsync(Persistence.OrderRecord order, Persistence.WeChatCallRecord call)
        {
            WeChatCallJournal.Succeeded(call, 200, now + 5);
            var answer = Snapshot(order.OutOrderNo, "CREATED", null, "o-writer-test") with { OpenId = null };
            return writes.SettleCreateAsync(order, stored =>
            {
                stored.Package = "package-" + stored.OutOrderNo;
                return applier.Apply(stored, answer, null, OrderSource.Api, null, now + 5);
            }, call, CancellationToken.None);
        }

        // Nothing but the reconciler's claim (a lease, which is no change of the order) happened in between: the answer
        // is stored over the inserted order, the lease kept.
        var (order, call) = await InsertAsync();
        await Server.QueryDbAsync(db => db.Orders.Where(o => o.Id == order.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, "another-instance").SetProperty(o => o.LeaseUntil, now + 60_000)));
        await SettleAsync(order, call);
        var stored = (await Server.FindOrderAsync(order.OutOrderNo))!;
        Assert.Equal(OrderPhase.Created, stored.Phase);
        Assert.Equal("package-" + order.OutOrderNo, stored.Package);
        Assert.Equal("1000000000" + order.OutOrderNo[^12..], stored.WeChatOrderId);
        Assert.NotNull(stored.SnapshotJson);
        Assert.Equal(now + 5, stored.UpdatedAt);
        Assert.Equal(order.NextReconcileAt, stored.NextReconcileAt);
        Assert.Equal(new byte[] { 1, 2, 3 }, stored.CreateBody);
        Assert.Equal("another-instance", stored.LeaseOwner);
        Assert.Equal(1, stored.Version);
        var storedCall = await Server.QueryDbAsync(db => db.WeChatCalls.SingleAsync(c => c.OrderId == stored.Id));
        Assert.Equal((WeChatCallOutcome.Ok, 200, now + 5), (storedCall.Outcome, storedCall.HttpStatus, storedCall.CompletedAt));
        Assert.Equal(new[] { OrderEventKind.Created, OrderEventKind.StateChanged },
            await Server.QueryDbAsync(db => db.OrderEvents.Where(e => e.OrderId == stored.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync()));

        // Another writer moved the order further in between (here: as a USER_CONFIRMED callback would, version bumped):
        // the update over the inserted order changes 0 rows, and the answer is applied to the stored order instead —
        // which is further already, so it stays where it is (only the package is new).
        (order, call) = await InsertAsync();
        await Server.QueryDbAsync(db => db.Orders.Where(o => o.Id == order.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Phase, OrderPhase.UserConfirmed).SetProperty(o => o.Rank, 1000)
                .SetProperty(o => o.UpdatedAt, now + 1).SetProperty(o => o.Version, o => o.Version + 1)));
        await SettleAsync(order, call);
        stored = (await Server.FindOrderAsync(order.OutOrderNo))!;
        Assert.Equal(OrderPhase.UserConfirmed, stored.Phase);
        Assert.Equal(1000, stored.Rank);
        Assert.Null(stored.WeChatOrderId);
        Assert.Equal("package-" + order.OutOrderNo, stored.Package);
        Assert.Equal(2, stored.Version);
        Assert.Equal(WeChatCallOutcome.Ok, (await Server.QueryDbAsync(db => db.WeChatCalls.SingleAsync(c => c.OrderId == stored.Id))).Outcome);
        Assert.Equal(1, await Server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == stored.Id)));
    }

    [StorageFact]
    public async Task Bad_input_gets_a_4xx_problem_and_writes_nothing()
    {
        var alice = await TestClient.LoginAsync(Server, Sandbox, "alice");
        var created = await alice.CreateOrderAsync();
        var confirmed = await alice.CreateOrderAsync();
        Sandbox.Control.Confirm(confirmed.Package, "alice");
        await alice.GetOrderAsync(confirmed.OutOrderNo);
        await WaitForPhaseAsync(confirmed.OutOrderNo, OrderPhase.UserConfirmed);
        await Sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        var before = await CountRowsAsync();
        var admin = new AdminClient(Server);
        var badAdmin = new AdminClient(Server, "wrong-key-wrong-key");

        var cases = new List<(string Name, Func<Task<(HttpStatusCode, JsonElement)>> Call, HttpStatusCode Expected, string? Type)>
        {
            ("malformed JSON", () => Raw(alice, "api/orders", "{\"planId\": "), HttpStatusCode.BadRequest, "malformed-json"),
            ("wrong JSON type", () => Raw(alice, "api/orders", "[1,2,3]"), HttpStatusCode.BadRequest, null),
            ("oversize body", () => Raw(alice, "api/orders", "{\"planId\":\"" + new string('x', 40_000) + "\"}"), HttpStatusCode.RequestEntityTooLarge, "body-too-large"),
            ("unknown plan", () => Send(alice, "api/orders", new { planId = "no-such-plan" }), HttpStatusCode.BadRequest, "unknown-plan"),
            ("missing plan", () => Send(alice, "api/orders", new { }), HttpStatusCode.BadRequest, "validation"),
            ("bad token", () => SendBearer("v1.AAAA.BBBB"), HttpStatusCode.Unauthorized, "unauthorized"),
            ("no token", () => SendBearer(null), HttpStatusCode.Unauthorized, "unauthorized"),
            ("empty login code", () => PostRaw("api/session", "{}"), HttpStatusCode.BadRequest, "validation"),
            ("malformed login", () => PostRaw("api/session", "{code:"), HttpStatusCode.BadRequest, "malformed-json"),
            ("unknown order", () => alice.GetOrderAsync("NOSUCHORDER"), HttpStatusCode.NotFound, "not-found"),
            ("bad admin key", () => badAdmin.SendAsync(HttpMethod.Get, "orders"), HttpStatusCode.Unauthorized, "unauthorized"),
            ("no admin key", () => new AdminClient(Server, string.Empty).SendAsync(HttpMethod.Get, "orders"), HttpStatusCode.Unauthorized, "unauthorized"),
            ("wrong state", () => admin.CompleteAsync(created.OutOrderNo, 300), HttpStatusCode.Conflict, "wrong-state"),
            ("total mismatch", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/complete", new
            {
                fees = new[] { new { name = "租借费用", amount = 300L, description = "3元/小时" } },
                discounts = new[] { new { name = "新客立减", description = "首单", amount = 100L } },
                totalAmount = 300L,
            }), HttpStatusCode.BadRequest, "total-mismatch"),
            ("complete without fees", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/complete", new { totalAmount = 0 }), HttpStatusCode.BadRequest, null),
            ("admin malformed JSON", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/complete", rawBody: "{\"fees\":[{"), HttpStatusCode.BadRequest, "malformed-json"),
            ("cancel without reason", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/cancel", new { reason = "" }), HttpStatusCode.BadRequest, null),
            ("cancel reason too long", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/cancel", new { reason = new string('长', 51) }), HttpStatusCode.BadRequest, null),
            ("pay in wrong state", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/pay"), HttpStatusCode.Conflict, "wrong-state"),
            ("modify in wrong state", () => admin.SendAsync(HttpMethod.Post, $"orders/{confirmed.OutOrderNo}/modify", new
            {
                fees = new[] { new { name = "租借费用", amount = 100L } }, totalAmount = 100L, reason = "调价",
            }), HttpStatusCode.Conflict, "wrong-state"),
            ("admin unknown order", () => admin.CompleteAsync("NOSUCHORDER", 300), HttpStatusCode.NotFound, "not-found"),
            ("bad filter", () => admin.SendAsync(HttpMethod.Get, "orders?phase=SLEEPING"), HttpStatusCode.BadRequest, null),
        };

        foreach (var (name, call, expected, type) in cases)
        {
            var (status, problem) = await call();
            Assert.True(expected == status, $"{name}: expected {(int)expected}, got {(int)status}: {problem}");
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), name);
            Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Length > 0, $"{name}: a detail says what is wrong");
            if (type is not null)
            {
                Assert.EndsWith(type, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            }

            if (name == "total mismatch")
            {
                Assert.Equal(("totalAmount", 200L), (problem.GetProperty("field").GetString(), problem.GetProperty("expected").GetInt64()));
            }
        }

        Assert.Equal(before, await CountRowsAsync());
    }

    private static async Task<(HttpStatusCode, JsonElement)> Send(TestClient client, string path, object body) =>
        await TestClient.ReadAsync(await client.SendAsync(HttpMethod.Post, path, body));

    private async Task<(HttpStatusCode, JsonElement)> Raw(TestClient client, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", client.Token);
        return await TestClient.ReadAsync(await Server.Http.SendAsync(request));
    }

    private async Task<(HttpStatusCode, JsonElement)> PostRaw(string path, string body) =>
        await TestClient.ReadAsync(await Server.Http.PostAsync(path, Json(body)));

    private async Task<(HttpStatusCode, JsonElement)> SendBearer(string? token) =>
        await TestClient.ReadAsync(await Server.Http.SendAsync(Bearer(token)));

    private static HttpRequestMessage Bearer(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = Json("{\"planId\":\"powerbank-hourly\"}") };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<(int Orders, int Events, int Calls, int Notifications, int Processed)> CountRowsAsync() =>
        await Server.QueryDbAsync(async db => (await db.Orders.CountAsync(), await db.OrderEvents.CountAsync(), await db.WeChatCalls.CountAsync(),
            await db.Notifications.CountAsync(), await db.ProcessedNotifications.CountAsync()));

    private async Task PostOkAsync(ForgedCallback callback)
    {
        var (status, body) = await CallbackForge.PostAsync(Server, callback);
        Assert.True(status == HttpStatusCode.NoContent, $"callback answered {(int)status}: {body}");
    }

    private Task<int> CountCallbackChangesAsync(long orderId) =>
        Server.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == orderId && e.Source == OrderSource.Callback));

    [StorageFact]
    public async Task The_literal_sql_round_trips_every_order_column()
    {
        var written = new Persistence.OrderRecord
        {
            SubMchId = "1900000109", OutOrderNo = "RT" + Guid.NewGuid().ToString("N")[..20], ServiceId = "svc-rt", AppId = "wx-app", SubAppId = "wx-sub",
            PlanId = "plan-rt", SubMerchantKey = "key-rt", DeviceId = "dev-1", StartLocation = "Gate A", EndDeviceId = "dev-2", OwnerOpenId = "owner",
            Phase = OrderPhase.UserConfirmed, Rank = 3, State = "DOING", StateDescription = "USER_CONFIRM", CollectionState = "USER_PAYING",
            WeChatOrderId = "1000000000RT", Package = "pkg", ConfirmedOpenId = "open", ConfirmedSubOpenId = "sub-open", RiskFundAmount = 9900,
            TotalAmount = 1234, PaidAmount = 1200, CollectionDetailsCount = 2, CreateBody = [1, 2, 3, 255], SnapshotJson = "{}", CreatedAt = 1_700_000_000_001,
            UpdatedAt = 1_700_000_000_002, NextReconcileAt = 1_700_000_000_003, ReconcileAttempts = 4, LeaseOwner = "instance-a", LeaseUntil = 1_700_000_000_004,
            Version = 7,
        };

        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<PayScoreDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await OrderSql.InsertOrderAsync(connection, transaction, written);
            var read = await OrderSql.LoadOrderAsync(connection, transaction, written.SubMchId, written.OutOrderNo, forUpdate: false);
            await transaction.RollbackAsync();

            Assert.NotNull(read);
            foreach (var property in typeof(Persistence.OrderRecord).GetProperties())
            {
                var expected = property.GetValue(written);
                Assert.True(expected is not null && (expected is not string text || text.Length > 0), $"the test sets {property.Name}");
                Assert.Equal(expected, property.GetValue(read));
            }
        }
        finally
        {
            OrderSql.Forget(connection);
        }
    }

    private async Task<Persistence.OrderRecord> WaitForPhaseAsync(string outOrderNo, OrderPhase phase) =>
        (await Eventually.WaitAsync(() => Server.FindOrderAsync(outOrderNo), o => o?.Phase == phase, $"{outOrderNo} to be {phase}"))!;

    private static ServiceOrder Snapshot(string outOrderNo, string state, string? description, string openId) => new()
    {
        OutOrderNo = outOrderNo,
        ServiceId = TestKeys.ServiceId,
        AppId = TestKeys.AppId,
        MchId = TestKeys.MchId,
        SubMchId = TestKeys.SubMchId,
        ServiceIntroduction = "充电宝租借",
        State = state,
        StateDescription = description,
        RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900, Description = "充电宝押金" },
        OpenId = openId,
        OrderId = "1000000000" + outOrderNo[^12..],
    };

    private static ServiceOrder Paid(string outOrderNo, string openId, string state, string? description, string collectionState, long total, long paid, int details) =>
        Snapshot(outOrderNo, state, description, openId) with
        {
            TotalAmount = total,
            NeedCollection = true,
            Collection = new CollectionInfo
            {
                State = collectionState,
                TotalAmount = total,
                PaidAmount = paid,
                PayingAmount = total - paid,
                Details = Enumerable.Range(1, details).Select(i => new CollectionDetail
                {
                    Seq = i, Amount = paid / details, PaidType = "NEWTON", PaidTime = "20260101120000", TransactionId = "42000000" + i,
                }).ToArray(),
            },
        };
}
