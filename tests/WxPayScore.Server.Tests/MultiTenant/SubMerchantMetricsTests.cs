using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>
/// Metrics per sub-merchant on a real server for two sub-merchants (<c>mall</c>, <c>metro</c>; SQLite and PostgreSQL (the concrete classes), the sandbox on
/// 127.0.0.1): every order-scoped measurement — orders created, journaled WeChat calls and their durations, callbacks,
/// state changes, the reconciler, refunds, the stored-orders gauge — carries the <c>sub_merchant</c> key of its order;
/// a callback refused before it names a served sub-merchant is <c>unknown</c>; the mini program login names none.
/// Runs alone (<see cref="TelemetryGroup"/>): the server's meter is process-wide.
/// </summary>
public abstract class SubMerchantMetricsTests<TStorage>
    where TStorage : TestStorage, new()
{
    private readonly MultiTenantFixture<TStorage> fixture;

    protected SubMerchantMetricsTests(MultiTenantFixture<TStorage> fixture)
    {
        this.fixture = fixture;
    }

    private const string Mall = "mall";
    private const string Metro = "metro";

    [StorageFact]
    public async Task Orders_of_two_sub_merchants_are_measured_under_their_own_keys()
    {
        var server = fixture.Server;
        var sandbox = fixture.Sandbox;
        var admin = new AdminClient(server);
        using var created = new MetricCollector<long>(ServerDiagnostics.OrdersCreated);
        using var calls = new MetricCollector<long>(ServerDiagnostics.JournalCalls);
        using var durations = new MetricCollector<double>(ServerDiagnostics.JournalCallDuration);
        using var callbacks = new MetricCollector<long>(ServerDiagnostics.CallbacksProcessed);
        using var changes = new MetricCollector<long>(ServerDiagnostics.StateChanges);
        using var reconciled = new MetricCollector<long>(ServerDiagnostics.OrdersReconciled);

        var alice = await TestClient.LoginAsync(server.Http, sandbox, "alice", MultiTenantSetup.AppA);
        var bob = await TestClient.LoginAsync(server.Http, sandbox, "bob", MultiTenantSetup.AppB);
        var mall = await alice.CreateOrderAsync("powerbank-hourly", "PB-A-001");
        var metro = await bob.CreateOrderAsync("umbrella-daily", "UM-L2-01");

        // Created, and the create call journaled, under each order's own sub-merchant.
        Assert.Equal(1, Sum(created, ("outcome", "ok"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(created, ("outcome", "ok"), (SubMerchantTag.Name, Metro)));
        Assert.Equal(1, Sum(calls, ("operation", "create"), ("outcome", "ok"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(calls, ("operation", "create"), ("outcome", "ok"), (SubMerchantTag.Name, Metro)));
        Assert.Single(Matching(durations, ("operation", "create"), ("outcome", "ok"), (SubMerchantTag.Name, Mall)), m => m.Value >= 0);
        Assert.Single(Matching(durations, ("operation", "create"), ("outcome", "ok"), (SubMerchantTag.Name, Metro)), m => m.Value >= 0);

        // The logins are no order's: they name no sub-merchant.
        var logins = Matching(calls, ("operation", "jscode2session"));
        Assert.Equal(2, logins.Count);
        Assert.All(logins, m => Assert.False(m.Tags.ContainsKey(SubMerchantTag.Name)));

        // A user's status query is journaled under the order's sub-merchant.
        Assert.Equal(HttpStatusCode.OK, (await bob.GetOrderAsync(metro.OutOrderNo)).Status);
        Assert.Equal(1, Sum(calls, ("operation", "query"), (SubMerchantTag.Name, Metro)));
        Assert.Equal(0, Sum(calls, ("operation", "query"), (SubMerchantTag.Name, Mall)));

        // Confirmed at WeChat: each USER_CONFIRM callback applied and the state change counted under its sub-merchant.
        sandbox.Control.Confirm(mall.Package, "alice");
        sandbox.Control.Confirm(metro.Package, "bob");
        await WaitForPhaseAsync(mall.OutOrderNo, OrderPhase.UserConfirmed);
        await WaitForPhaseAsync(metro.OutOrderNo, OrderPhase.UserConfirmed);
        await sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Sum(callbacks, ("outcome", "applied"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(callbacks, ("outcome", "applied"), (SubMerchantTag.Name, Metro)));
        var confirmedPhase = OrderPhase.UserConfirmed.ToStoredName();
        Assert.Equal(1, Sum(changes, ("source", "callback"), ("phase", confirmedPhase), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(changes, ("source", "callback"), ("phase", confirmedPhase), (SubMerchantTag.Name, Metro)));

        // The reconciler looks at both open orders once they are due; its outcome and its query are tagged.
        await Eventually.WaitAsync(async () =>
        {
            await server.Reconciler.RunOnceAsync(CancellationToken.None);
            return (Sum(reconciled, (SubMerchantTag.Name, Mall)), Sum(reconciled, (SubMerchantTag.Name, Metro)));
        }, counts => counts.Item1 >= 1 && counts.Item2 >= 1, "the reconciler to look at both orders", TimeSpan.FromSeconds(15));
        Assert.True(Sum(calls, ("operation", "query"), (SubMerchantTag.Name, Mall)) >= 1, "the reconciler's query of the mall order");

        // A genuine callback for a sub_mchid this server does not serve: rejected before any sub-merchant is known.
        using var forge = new CallbackForge();
        var foreign = forge.Build("PAYSCORE.USER_CONFIRM", new ServiceOrder
        {
            OutOrderNo = mall.OutOrderNo, ServiceId = TestKeys.ServiceId, AppId = MultiTenantSetup.AppA, MchId = TestKeys.MchId, SubMchId = "1900009999",
            ServiceIntroduction = "充电宝租借", State = "DOING", StateDescription = "USER_CONFIRM",
            RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900, Description = "充电宝押金" }, OpenId = alice.OpenId, OrderId = "1000000000000000000001",
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await CallbackForge.PostAsync(server, foreign)).Status);
        Assert.Equal(1, Sum(callbacks, ("outcome", "rejected"), (SubMerchantTag.Name, SubMerchantTag.Unknown)));
        Assert.Equal(0, Sum(callbacks, ("outcome", "rejected"), (SubMerchantTag.Name, Mall)));

        // Completed from the admin API: the complete calls, the USER_PAID callbacks and the DONE state per sub-merchant.
        Assert.Equal(HttpStatusCode.OK, (await admin.CompleteAsync(mall.OutOrderNo, 300)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.CompleteAsync(metro.OutOrderNo, 200)).Status);
        await WaitForPhaseAsync(mall.OutOrderNo, OrderPhase.Done);
        await WaitForPhaseAsync(metro.OutOrderNo, OrderPhase.Done);
        await sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Sum(calls, ("operation", "complete"), ("outcome", "ok"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(calls, ("operation", "complete"), ("outcome", "ok"), (SubMerchantTag.Name, Metro)));
        Assert.Single(Matching(durations, ("operation", "complete"), (SubMerchantTag.Name, Metro)));
        Assert.Equal(2, Sum(callbacks, ("outcome", "applied"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(2, Sum(callbacks, ("outcome", "applied"), (SubMerchantTag.Name, Metro)));
        var donePhase = OrderPhase.Done.ToStoredName();
        Assert.True(Sum(changes, ("phase", donePhase), (SubMerchantTag.Name, Mall)) >= 1);
        Assert.True(Sum(changes, ("phase", donePhase), (SubMerchantTag.Name, Metro)) >= 1);

        // A refund of the mall order: its create call is the mall's.
        var (refunded, refund) = await admin.SendAsync(HttpMethod.Post, $"orders/{mall.OutOrderNo}/refunds", new { amount = 100, reason = "提前归还" });
        Assert.True(refunded is HttpStatusCode.OK or HttpStatusCode.Created, refund.ToString());
        Assert.Equal(1, Sum(calls, ("operation", "refund_create"), (SubMerchantTag.Name, Mall)));
        Assert.Equal(0, Sum(calls, ("operation", "refund_create"), (SubMerchantTag.Name, Metro)));

        // Every order-scoped measurement names a configured sub-merchant, or 'unknown' for the refused callback only.
        string[] keys = [Mall, Metro];
        Assert.All(created.GetMeasurementSnapshot(), m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));
        Assert.All(changes.GetMeasurementSnapshot(), m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));
        Assert.All(reconciled.GetMeasurementSnapshot(), m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));
        Assert.All(calls.GetMeasurementSnapshot().Where(m => !Equals(m.Tags["operation"], "jscode2session")),
            m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));
        Assert.All(callbacks.GetMeasurementSnapshot().Where(m => !Equals(m.Tags["outcome"], "rejected")),
            m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));

        // The stored-orders gauge, by phase and sub-merchant (its reader collects it when metrics are exported).
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var gauge = new OrderPhaseMetrics(meters, server.Services.GetRequiredService<IDbContextFactory<PayScoreDbContext>>(), NullLogger<OrderPhaseMetrics>.Instance);
        await gauge.StartAsync(CancellationToken.None);
        using var stored = new MetricCollector<long>(meters, ServerDiagnostics.Name, "wxpayscore.server.orders");
        stored.RecordObservableInstruments();
        Assert.Equal(1, Sum(stored, ("phase", donePhase), (SubMerchantTag.Name, Mall)));
        Assert.Equal(1, Sum(stored, ("phase", donePhase), (SubMerchantTag.Name, Metro)));
        Assert.All(stored.GetMeasurementSnapshot(), m => Assert.Contains((string)m.Tags[SubMerchantTag.Name]!, keys));
    }

    private static List<CollectedMeasurement<T>> Matching<T>(MetricCollector<T> collector, params (string Key, object Value)[] tags)
        where T : struct =>
        collector.GetMeasurementSnapshot().Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var value) && Equals(value, t.Value))).ToList();

    private static long Sum(MetricCollector<long> collector, params (string Key, object Value)[] tags) => Matching(collector, tags).Sum(m => m.Value);

    private async Task WaitForPhaseAsync(string outOrderNo, OrderPhase phase) =>
        await Eventually.WaitAsync(() => fixture.Server.FindOrderAsync(outOrderNo), o => o?.Phase == phase, $"{outOrderNo} to be {phase}");
}

