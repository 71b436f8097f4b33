using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>Two server instances on one PostgreSQL database: a callback delivered to both at once is applied once; the reconciler's claims never overlap.</summary>
[RequiresPostgres]
public sealed class PostgresMultiInstanceTests : IClassFixture<PersistenceFixture<PostgresTestStorage>>, IAsyncLifetime
{
    private readonly PersistenceFixture<PostgresTestStorage> fixture;
    private ServerHost? second;

    public PostgresMultiInstanceTests(PersistenceFixture<PostgresTestStorage> fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost First => fixture.Server;

    private ServerHost Second => second!;

    public async Task InitializeAsync()
    {
        if (fixture.Available)
        {
            second = await ServerHost.StartAsync(fixture.Sandbox.Host, fixture.Storage);
        }
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }
    }

    [StorageFact]
    public async Task The_same_callback_delivered_to_two_instances_at_once_changes_the_state_once()
    {
        var alice = await TestClient.LoginAsync(First, fixture.Sandbox.Host, "alice");
        using var forge = new CallbackForge();
        for (var round = 0; round < 5; round++)
        {
            var order = await alice.CreateOrderAsync();
            var callback = forge.Build("PAYSCORE.USER_CONFIRM", new ServiceOrder
            {
                OutOrderNo = order.OutOrderNo, ServiceId = TestKeys.ServiceId, AppId = TestKeys.AppId, MchId = TestKeys.MchId, SubMchId = TestKeys.SubMchId,
                State = "DOING", StateDescription = "USER_CONFIRM", OpenId = alice.OpenId, RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900 },
            });

            var deliveries = Enumerable.Range(0, 8).Select(i => CallbackForge.PostAsync(i % 2 == 0 ? First : Second, callback));
            var answers = await Task.WhenAll(deliveries);
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.Status));

            var stored = await First.FindOrderAsync(order.OutOrderNo);
            Assert.Equal(OrderPhase.UserConfirmed, stored!.Phase);
            Assert.Equal(1, await First.QueryDbAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == stored.Id && e.Source == OrderSource.Callback)));
            var outcomes = await First.QueryDbAsync(db => db.Notifications.Where(n => n.NotificationId == callback.Id).Select(n => n.Outcome).ToListAsync());
            Assert.Equal(8, outcomes.Count);
            Assert.Single(outcomes, NotificationOutcome.Applied);
            Assert.Equal(7, outcomes.Count(o => o == NotificationOutcome.Duplicate));
            var instances = await First.QueryDbAsync(db => db.Notifications.Where(n => n.NotificationId == callback.Id).Select(n => n.Instance).Distinct().CountAsync());
            Assert.Equal(2, instances);
        }
    }

    [StorageFact]
    public async Task Two_instances_claim_disjoint_orders_for_reconciliation()
    {
        var alice = await TestClient.LoginAsync(First, fixture.Sandbox.Host, "alice");
        var created = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await alice.CreateOrderAsync()).OutOrderNo);
        }

        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        await First.QueryDbAsync(db => db.Orders.Where(o => created.Contains(o.OutOrderNo))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextReconcileAt, past).SetProperty(o => o.LeaseUntil, (long?)null)));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? First : Second).Services.GetRequiredService<OrderWrites>().ClaimDueOrdersAsync($"claimer-{i}", now, now + 60_000, 3, CancellationToken.None)));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        var ids = await First.QueryDbAsync(db => db.Orders.Where(o => created.Contains(o.OutOrderNo)).Select(o => o.Id).ToListAsync());
        Assert.True(all.Count(ids.Contains) >= 12, $"all 12 due orders are claimed exactly once; got {all.Count}");

        // Leased orders are not claimed again until the lease ends.
        var again = await Second.Services.GetRequiredService<OrderWrites>().ClaimDueOrdersAsync("late", now, now + 60_000, 50, CancellationToken.None);
        Assert.DoesNotContain(again, ids.Contains);
    }
}
