using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WxPayScore.Sandbox;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The schema is created and migrated at start-up (EF Core migrations, one set per provider): a fresh database gets
/// every migration and matches the model; a database made by the first release (EnsureCreated, no history) is
/// recognised and upgraded with its rows; several servers starting at once on one database apply each migration once.
/// Each test has its own fresh database.
/// </summary>
public abstract class MigrationTests<TStorage>(SandboxFixture sandbox) : FreshDatabaseTests<TStorage>(sandbox)
    where TStorage : TestStorage, new()
{
    private const string FirstRelease = "InitialCreate";

    [StorageFact]
    public async Task A_fresh_database_gets_every_migration_and_matches_the_model()
    {
        await using (var server = await ServerHost.StartAsync(Sandbox, Storage))
        {
            var (applied, all, modelChanged) = await server.QueryDbAsync(async db =>
                ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), db.Database.HasPendingModelChanges()));
            Assert.True(all.Count >= 2, "the first release's schema and at least one migration since");
            Assert.Equal(all, applied);
            Assert.False(modelChanged, "the model has changes no migration captures: run dotnet ef migrations add (see docs/server.md)");
            Assert.Contains("applying migrations", server.Logs.Text, StringComparison.Ordinal);

            var alice = await TestClient.LoginAsync(server, Sandbox, "alice");
            await alice.CreateOrderAsync();
        }

        // A restart finds the schema current: nothing applied, the order still there.
        await using var restarted = await ServerHost.StartAsync(Sandbox, Storage);
        Assert.DoesNotContain("applying migrations", restarted.Logs.Text, StringComparison.Ordinal);
        Assert.Equal(1, await restarted.QueryDbAsync(db => db.Orders.CountAsync()));
    }

    [StorageFact]
    public async Task A_first_release_database_is_recognised_and_upgraded_with_its_rows()
    {
        // What the first release left on disk: its schema (made by EnsureCreated: no migration history) and its rows,
        // the journal holding state-changing calls only, without the request line.
        await using (var db = TestDatabase.CreateContext(Storage))
        {
            var first = db.Database.GetMigrations().Single(m => m.EndsWith("_" + FirstRelease, StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(first);
        }

        await TestDatabase.ExecuteAsync(Storage, """
            DROP TABLE "__EFMigrationsHistory";
            INSERT INTO orders (sub_mch_id, out_order_no, service_id, app_id, plan_id, owner_open_id, phase, rank, risk_fund_amount,
                paid_amount, collection_details_count, create_body, created_at, updated_at, reconcile_attempts)
            VALUES ('1900000109', 'OLD0001', '500001', 'wxd678efh567hg6787', 'powerbank-hourly', 'o-old-user', 'USER_CONFIRMED', 2, 9900,
                0, 0, X'7B7D', 1700000000000, 1700000000000, 0);
            INSERT INTO wechat_calls (order_id, operation, sent_at, completed_at, outcome, http_status, instance)
            VALUES ((SELECT id FROM orders WHERE out_order_no = 'OLD0001'), 'create', 1700000000000, 1700000000100, 'ok', 200, 'old-host'),
                   ((SELECT id FROM orders WHERE out_order_no = 'OLD0001'), 'complete', 1700000500000, 1700000500100, 'ok', 200, 'old-host');
            """.Replace("X'7B7D'", Storage is PostgresTestStorage ? "'\\x7b7d'::bytea" : "X'7B7D'", StringComparison.Ordinal));
        if (Storage is SqliteTestStorage)
        {
            await TestDatabase.ExecuteAsync(Storage, "DROP TABLE IF EXISTS \"__EFMigrationsLock\"");
        }

        await using var server = await ServerHost.StartAsync(Sandbox, Storage);
        Assert.Contains("first release's schema but no migration history", server.Logs.Text, StringComparison.Ordinal);
        var (applied, all) = await server.QueryDbAsync(async db => ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));
        Assert.Equal(all, applied);

        var old = await server.FindOrderAsync("OLD0001");
        Assert.Equal((OrderPhase.UserConfirmed, 9900L, "o-old-user"), (old!.Phase, old.RiskFundAmount, old.OwnerOpenId));
        var targets = await server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.OrderId == old.Id).OrderBy(c => c.Id).Select(c => c.Target).ToListAsync());
        Assert.Equal(["POST /v3/payscore/partner/serviceorder", "POST /v3/payscore/partner/serviceorder/OLD0001/complete"], targets);

        // And the upgraded database works: a new order goes through create and query, both journaled.
        var alice = await TestClient.LoginAsync(server, Sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        await alice.GetOrderAsync(order.OutOrderNo);
        var operations = await server.QueryDbAsync(db => db.WeChatCalls.Where(c => c.Order!.OutOrderNo == order.OutOrderNo).OrderBy(c => c.Id).Select(c => c.Operation).ToListAsync());
        Assert.Equal([WeChatCallOperation.Create, WeChatCallOperation.Query], operations);
    }

    [StorageFact]
    public async Task Servers_starting_at_once_on_one_new_database_apply_each_migration_once()
    {
        var starts = Enumerable.Range(0, 3).Select(_ => ServerHost.StartAsync(Sandbox, Storage)).ToArray();
        var servers = await Task.WhenAll(starts);
        try
        {
            var (historyRows, all) = await servers[0].QueryDbAsync(async db =>
                ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));
            Assert.Equal(all, historyRows);
            foreach (var server in servers)
            {
                var alice = await TestClient.LoginAsync(server, Sandbox, "alice");
                await alice.CreateOrderAsync();
            }

            Assert.Equal(3, await servers[1].QueryDbAsync(db => db.Orders.CountAsync()));
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
