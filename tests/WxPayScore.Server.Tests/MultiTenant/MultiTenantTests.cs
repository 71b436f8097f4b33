using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>
/// One server for two sub-merchants and two mini programs (SQLite and PostgreSQL, the concrete classes): every order
/// goes out with its sub_mchid / appid / sub_appid / device (checked in what the sandbox received), users of one mini
/// program never see another's orders, callbacks of both are applied and one for an unknown sub_mchid is refused;
/// devices through the admin API (CRUD, import, bad input writing nothing) and for the mini program.
/// </summary>
public abstract class MultiTenantTests<TStorage>
    where TStorage : TestStorage, new()
{
    private const string AppA = MultiTenantSetup.AppA;
    private const string AppB = MultiTenantSetup.AppB;
    private readonly MultiTenantFixture<TStorage> fixture;

    protected MultiTenantTests(MultiTenantFixture<TStorage> fixture)
    {
        this.fixture = fixture;
    }

    private ServerHost Server => fixture.Server;

    private SandboxHost Sandbox => fixture.Sandbox;

    private AdminClient Admin => new(Server);

    [StorageFact]
    public async Task Two_sub_merchants_and_two_mini_programs_end_to_end()
    {
        var alice = await TestClient.LoginAsync(Server.Http, Sandbox, "alice", AppA);
        var bob = await TestClient.LoginAsync(Server.Http, Sandbox, "bob", AppB);

        var mallOrder = await alice.CreateOrderAsync("powerbank-hourly", "PB-A-001");
        var metroOrder = await bob.CreateOrderAsync("umbrella-daily", "UM-L2-01");

        // On the wire, as the sandbox received it.
        var mallCreate = await SandboxCreateBodyAsync(MultiTenantSetup.MallSubMchId, mallOrder.OutOrderNo);
        Assert.Equal(MultiTenantSetup.MallSubMchId, mallCreate.GetProperty("sub_mchid").GetString());
        Assert.Equal(AppA, mallCreate.GetProperty("appid").GetString());
        Assert.False(mallCreate.TryGetProperty("sub_appid", out _));
        Assert.Equal("PB-A-001", mallCreate.GetProperty("device").GetProperty("start_device_id").GetString());
        Assert.Equal("A座大堂", mallCreate.GetProperty("location").GetProperty("start_location").GetString());

        var metroCreate = await SandboxCreateBodyAsync(MultiTenantSetup.MetroSubMchId, metroOrder.OutOrderNo);
        Assert.Equal(MultiTenantSetup.MetroSubMchId, metroCreate.GetProperty("sub_mchid").GetString());
        Assert.Equal(AppA, metroCreate.GetProperty("appid").GetString());
        Assert.Equal(AppB, metroCreate.GetProperty("sub_appid").GetString());
        Assert.Equal("UM-L2-01", metroCreate.GetProperty("device").GetProperty("start_device_id").GetString());
        Assert.Equal("人民广场站B口", metroCreate.GetProperty("location").GetProperty("start_location").GetString());
        Assert.Equal("共享雨伞", metroCreate.GetProperty("service_introduction").GetString());

        // Stored with their routing.
        var mallStored = (await Server.FindOrderAsync(mallOrder.OutOrderNo))!;
        Assert.Equal(("mall", MultiTenantSetup.MallSubMchId, AppA, (string?)null, "PB-A-001"),
            (mallStored.SubMerchantKey, mallStored.SubMchId, mallStored.AppId, mallStored.SubAppId, mallStored.DeviceId));
        var metroStored = (await Server.FindOrderAsync(metroOrder.OutOrderNo))!;
        Assert.Equal(("metro", MultiTenantSetup.MetroSubMchId, AppA, AppB, "UM-L2-01"),
            (metroStored.SubMerchantKey, metroStored.SubMchId, metroStored.AppId, metroStored.SubAppId, metroStored.DeviceId));

        // A user of one mini program never sees an order of the other, even under the same WeChat user.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetOrderAsync(mallOrder.OutOrderNo)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetOrderAsync(metroOrder.OutOrderNo)).Status);
        var aliceOnB = await TestClient.LoginAsync(Server.Http, Sandbox, "alice", AppB);
        Assert.Equal(HttpStatusCode.NotFound, (await aliceOnB.GetOrderAsync(mallOrder.OutOrderNo)).Status);

        // Confirmed at WeChat: both callbacks applied to the right orders.
        var mallConfirm = Sandbox.Control.Confirm(mallOrder.Package, "alice");
        var metroConfirm = Sandbox.Control.Confirm(metroOrder.Package, "bob");
        await WaitForPhaseAsync(mallOrder.OutOrderNo, OrderPhase.UserConfirmed);
        var metroConfirmed = await WaitForPhaseAsync(metroOrder.OutOrderNo, OrderPhase.UserConfirmed);
        Assert.Equal(bob.OpenId, metroConfirmed.ConfirmedSubOpenId);

        var (bobStatus, bobView) = await bob.GetOrderByQueryIdAsync(metroConfirm.QueryId);
        Assert.Equal(HttpStatusCode.OK, bobStatus);
        Assert.Equal(metroOrder.OutOrderNo, bobView.GetProperty("outOrderNo").GetString());
        Assert.True(bobView.GetProperty("confirmed").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetOrderByQueryIdAsync(metroConfirm.QueryId)).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetOrderByQueryIdAsync(mallConfirm.QueryId)).Status);

        // The admin API filters by sub-merchant (key or sub_mchid) and device.
        var (_, metroList) = await Admin.SendAsync(HttpMethod.Get, "orders?subMerchant=metro&limit=500");
        var metroNumbers = metroList.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("outOrderNo").GetString()).ToList();
        Assert.Contains(metroOrder.OutOrderNo, metroNumbers);
        Assert.DoesNotContain(mallOrder.OutOrderNo, metroNumbers);
        var (_, byDevice) = await Admin.SendAsync(HttpMethod.Get, $"orders?subMerchant={MultiTenantSetup.MallSubMchId}&device=PB-A-001&limit=500");
        var deviceItems = byDevice.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(deviceItems, o => o.GetProperty("outOrderNo").GetString() == mallOrder.OutOrderNo);
        Assert.All(deviceItems, o => Assert.Equal("PB-A-001", o.GetProperty("deviceId").GetString()));
        Assert.Equal("A座大堂", deviceItems.First(o => o.GetProperty("outOrderNo").GetString() == mallOrder.OutOrderNo).GetProperty("startLocation").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, "orders?subMerchant=nobody")).Status);

        // Returned at another station: device.end_device_id and location.end_location on the complete call.
        var (completed, detail) = await Admin.SendAsync(HttpMethod.Post, $"orders/{mallOrder.OutOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 300L, description = "3元/小时" } },
            totalAmount = 300L,
            endDeviceId = "PB-B-002",
        });
        Assert.True(completed == HttpStatusCode.OK, detail.ToString());
        var completeBody = JsonDocument.Parse((await SandboxOrderAsync(MultiTenantSetup.MallSubMchId, mallOrder.OutOrderNo))
            .GetProperty("complete_body").GetString()!).RootElement;
        Assert.Equal("PB-A-001", completeBody.GetProperty("device").GetProperty("start_device_id").GetString());
        Assert.Equal("PB-B-002", completeBody.GetProperty("device").GetProperty("end_device_id").GetString());
        Assert.Equal("B座咖啡厅", completeBody.GetProperty("location").GetProperty("end_location").GetString());
        Assert.Equal(MultiTenantSetup.MallSubMchId, completeBody.GetProperty("sub_mchid").GetString());
        var done = await WaitForPhaseAsync(mallOrder.OutOrderNo, OrderPhase.Done);
        Assert.Equal("PB-B-002", done.EndDeviceId);
        Assert.Equal(300, done.PaidAmount);

        // The metro order completes with its own sub_mchid; its USER_PAID callback is applied too.
        Assert.Equal(HttpStatusCode.OK, (await Admin.CompleteAsync(metroOrder.OutOrderNo, 200)).Status);
        var metroComplete = JsonDocument.Parse((await SandboxOrderAsync(MultiTenantSetup.MetroSubMchId, metroOrder.OutOrderNo))
            .GetProperty("complete_body").GetString()!).RootElement;
        Assert.Equal(MultiTenantSetup.MetroSubMchId, metroComplete.GetProperty("sub_mchid").GetString());
        await WaitForPhaseAsync(metroOrder.OutOrderNo, OrderPhase.Done);
        await Sandbox.Control.WaitForDeliveriesAsync(TimeSpan.FromSeconds(10));
        var applied = await Server.QueryDbAsync(db => db.Notifications
            .Where(n => n.Outcome == NotificationOutcome.Applied && (n.OutOrderNo == mallOrder.OutOrderNo || n.OutOrderNo == metroOrder.OutOrderNo))
            .Select(n => new { n.SubMchId, n.OutOrderNo, n.EventType }).ToListAsync());
        Assert.Contains(applied, n => n.SubMchId == MultiTenantSetup.MallSubMchId && n.OutOrderNo == mallOrder.OutOrderNo && n.EventType == "PAYSCORE.USER_PAID");
        Assert.Contains(applied, n => n.SubMchId == MultiTenantSetup.MetroSubMchId && n.OutOrderNo == metroOrder.OutOrderNo && n.EventType == "PAYSCORE.USER_CONFIRM");
        Assert.Contains(applied, n => n.SubMchId == MultiTenantSetup.MetroSubMchId && n.OutOrderNo == metroOrder.OutOrderNo && n.EventType == "PAYSCORE.USER_PAID");
    }

    [StorageFact]
    public async Task A_callback_for_an_unknown_sub_mchid_is_refused_counted_and_changes_nothing()
    {
        var alice = await TestClient.LoginAsync(Server.Http, Sandbox, "alice", AppA);
        var order = await alice.CreateOrderAsync("powerbank-hourly", "PB-A-001");
        using var forge = new CallbackForge();
        var snapshot = new ServiceOrder
        {
            OutOrderNo = order.OutOrderNo, ServiceId = TestKeys.ServiceId, AppId = AppA, MchId = TestKeys.MchId, SubMchId = "1900009999",
            ServiceIntroduction = "充电宝租借", State = "DOING", StateDescription = "USER_CONFIRM",
            RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900, Description = "充电宝押金" }, OpenId = alice.OpenId, OrderId = "1000000000000000000001",
        };
        var callback = forge.Build("PAYSCORE.USER_CONFIRM", snapshot);
        var (status, _) = await CallbackForge.PostAsync(Server, callback);
        Assert.Equal(HttpStatusCode.BadRequest, status);

        Assert.Equal(OrderPhase.Created, (await Server.FindOrderAsync(order.OutOrderNo))!.Phase);
        Assert.Equal(0, await Server.QueryDbAsync(db => db.ProcessedNotifications.CountAsync(p => p.NotificationId == callback.Id)));
        var logged = await Server.QueryDbAsync(db => db.Notifications.SingleAsync(n => n.NotificationId == callback.Id));
        Assert.Equal((NotificationOutcome.Rejected, "1900009999"), (logged.Outcome, logged.SubMchId));
        var (_, rejected) = await Admin.SendAsync(HttpMethod.Get, "notifications/rejected");
        Assert.True(rejected.GetProperty("counts").GetProperty(CallbackProcessor.UnknownSubMerchant).GetInt64() >= 1, rejected.ToString());

        // The same callback under the right sub_mchid is applied.
        var right = forge.Build("PAYSCORE.USER_CONFIRM", snapshot with { SubMchId = MultiTenantSetup.MallSubMchId });
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackForge.PostAsync(Server, right)).Status);
        Assert.Equal(OrderPhase.UserConfirmed, (await Server.FindOrderAsync(order.OutOrderNo))!.Phase);
    }

    [StorageFact]
    public async Task Bad_order_input_at_devices_gets_a_4xx_problem_and_writes_nothing()
    {
        var alice = await TestClient.LoginAsync(Server.Http, Sandbox, "alice", AppA);
        var bob = await TestClient.LoginAsync(Server.Http, Sandbox, "bob", AppB);
        var ordersBefore = await Server.QueryDbAsync(db => db.Orders.CountAsync());
        var callsBefore = await Server.QueryDbAsync(db => db.WeChatCalls.CountAsync(c => c.Operation == WeChatCallOperation.Create));
        var sandboxBefore = Sandbox.Control.GetOrders().Count;

        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly", deviceId = "NO-SUCH-1" }, 404, "unknown-device", "deviceId");
        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly", deviceId = "PB-OFF-9" }, 409, "device-disabled", "deviceId");
        await ExpectProblemAsync(alice, new { planId = "umbrella-daily", deviceId = "PB-A-001" }, 400, "plan-not-allowed", "planId");
        await ExpectProblemAsync(bob, new { planId = "powerbank-hourly", deviceId = "UM-L2-01" }, 400, "plan-not-allowed", "planId");
        await ExpectProblemAsync(alice, new { planId = "nope", deviceId = "PB-A-001" }, 400, "unknown-plan", "planId");
        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly", deviceId = new string('X', 51) }, 400, "validation", "deviceId");
        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly", deviceId = "bad id!" }, 400, "validation", "deviceId");
        // mall is served from the provider's mini program A only; B's user is refused there.
        await ExpectProblemAsync(bob, new { planId = "powerbank-hourly", deviceId = "PB-A-001" }, 403, "wrong-mini-program", "deviceId");
        // Neither sub-merchant accepts orders without a device here.
        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly" }, 400, "validation", "deviceId");
        await ExpectProblemAsync(alice, new { planId = "powerbank-hourly", deviceId = "PB-A-001", subMerchant = "metro" }, 400, "validation", "subMerchant");

        Assert.Equal(ordersBefore, await Server.QueryDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(callsBefore, await Server.QueryDbAsync(db => db.WeChatCalls.CountAsync(c => c.Operation == WeChatCallOperation.Create)));
        Assert.Equal(sandboxBefore, Sandbox.Control.GetOrders().Count);
    }

    [StorageFact]
    public async Task Sessions_name_their_mini_program_and_an_unknown_one_is_refused()
    {
        var code = Sandbox.Control.CreateLoginCode("carol", AppA);
        using var withoutAppId = await Server.Http.PostAsJsonAsync("api/session", new { code = code.Code });
        var (status, problem) = await TestClient.ReadAsync(withoutAppId);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("appId", problem.GetProperty("field").GetString());

        using var unknown = await Server.Http.PostAsJsonAsync("api/session", new { code = code.Code, appId = "wx0000000000000000" });
        (status, problem) = await TestClient.ReadAsync(unknown);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("appId", problem.GetProperty("field").GetString());

        // A code of mini program A presented as B's is refused by WeChat (jscode2session with B's credentials).
        using var crossed = await Server.Http.PostAsJsonAsync("api/session", new { code = code.Code, appId = AppB });
        Assert.Equal(HttpStatusCode.Unauthorized, crossed.StatusCode);

        using var ok = await Server.Http.PostAsJsonAsync("api/session", new { code = Sandbox.Control.CreateLoginCode("carol", AppB).Code, appId = AppB });
        var (okStatus, session) = await TestClient.ReadAsync(ok);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(AppB, session.GetProperty("appId").GetString());
    }

    [StorageFact]
    public async Task The_mini_program_reads_a_device_its_sub_merchant_location_and_plans()
    {
        var (status, device) = await TestClient.ReadAsync(await Server.Http.GetAsync("api/devices/UM-L2-01"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("metro", device.GetProperty("subMerchant").GetString());
        Assert.Equal("地铁共享雨伞", device.GetProperty("subMerchantName").GetString());
        Assert.Equal("人民广场站B口", device.GetProperty("location").GetString());
        Assert.Equal(["umbrella-daily"], device.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.NotFound, (await Server.Http.GetAsync("api/devices/NO-SUCH-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Server.Http.GetAsync("api/devices/PB-OFF-9")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Http.GetAsync("api/devices/" + new string('X', 51))).StatusCode);

        var (_, plans) = await TestClient.ReadAsync(await Server.Http.GetAsync("api/plans?subMerchant=metro"));
        Assert.Equal(["umbrella-daily"], plans.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Http.GetAsync("api/plans?subMerchant=nobody")).StatusCode);
    }

    [StorageFact]
    public async Task Devices_are_created_read_listed_updated_and_deleted_through_the_admin_API()
    {
        var id = "T-" + Guid.NewGuid().ToString("N")[..10];
        var (created, device) = await Admin.SendAsync(HttpMethod.Put, $"devices/{id}", new { subMerchant = "metro", location = "静安寺站A口", plans = new[] { "umbrella-daily" } });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True(device.GetProperty("enabled").GetBoolean());
        Assert.Equal("地铁共享雨伞", device.GetProperty("subMerchantName").GetString());

        var (updated, changed) = await Admin.SendAsync(HttpMethod.Put, $"devices/{id}", new { subMerchant = "metro", location = "静安寺站C口", enabled = false });
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal("静安寺站C口", changed.GetProperty("location").GetString());
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Empty(changed.GetProperty("plans").EnumerateArray());
        Assert.Equal(device.GetProperty("createdAt").GetString(), changed.GetProperty("createdAt").GetString());

        var (got, read) = await Admin.SendAsync(HttpMethod.Get, $"devices/{id}");
        Assert.Equal(HttpStatusCode.OK, got);
        Assert.Equal("静安寺站C口", read.GetProperty("location").GetString());

        // Paging: every device exactly once over pages of 2, in id order.
        var (_, first) = await Admin.SendAsync(HttpMethod.Get, "devices?limit=2&offset=0");
        var total = first.GetProperty("total").GetInt32();
        var seen = new List<string>();
        for (var offset = 0; offset < total; offset += 2)
        {
            var (_, page) = await Admin.SendAsync(HttpMethod.Get, $"devices?limit=2&offset={offset}");
            var ids = page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!).ToList();
            Assert.InRange(ids.Count, 1, 2);
            seen.AddRange(ids);
        }

        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Contains(id, seen);
        var (_, metroOnly) = await Admin.SendAsync(HttpMethod.Get, "devices?subMerchant=metro&limit=500");
        Assert.All(metroOnly.GetProperty("items").EnumerateArray(), d => Assert.Equal("metro", d.GetProperty("subMerchant").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, "devices?limit=0")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Get, "devices?limit=501")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendAsync(HttpMethod.Delete, $"devices/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"devices/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Delete, $"devices/{id}")).Status);
    }

    [StorageFact]
    public async Task Bad_device_input_is_a_400_naming_the_field_and_writes_nothing()
    {
        var before = await Server.QueryDbAsync(db => db.Devices.CountAsync());
        await ExpectDeviceProblemAsync(new string('D', 51), new { subMerchant = "mall", location = "A" }, "deviceId");
        await ExpectDeviceProblemAsync("bad%20id", new { subMerchant = "mall", location = "A" }, "deviceId");
        await ExpectDeviceProblemAsync("OK-1", new { subMerchant = "nobody", location = "A" }, "subMerchant");
        await ExpectDeviceProblemAsync("OK-1", new { subMerchant = "mall", location = "" }, "location");
        await ExpectDeviceProblemAsync("OK-1", new { subMerchant = "mall", location = new string('地', 51) }, "location");
        await ExpectDeviceProblemAsync("OK-1", new { subMerchant = "mall", location = "A", plans = new[] { "no-such-plan" } }, "plans");
        Assert.Equal(before, await Server.QueryDbAsync(db => db.Devices.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, "devices/OK-1")).Status);
    }

    [StorageFact]
    public async Task Devices_are_imported_from_CSV_and_JSON_lines_all_or_nothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            deviceId,subMerchant,location,plans,enabled
            CSV-{tag}-1,mall,"A座, 1楼",powerbank-hourly,true
            CSV-{tag}-2,metro,人民广场站C口,umbrella-daily,
            CSV-{tag}-3,mall,B座,,false
            """;
        var (status, result) = await ImportAsync(csv, "text/csv");
        Assert.True(status == HttpStatusCode.OK, result.ToString());
        Assert.Equal((3, 3, 0), (result.GetProperty("imported").GetInt32(), result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));
        var (_, one) = await Admin.SendAsync(HttpMethod.Get, $"devices/CSV-{tag}-1");
        Assert.Equal("A座, 1楼", one.GetProperty("location").GetString());
        var (_, three) = await Admin.SendAsync(HttpMethod.Get, $"devices/CSV-{tag}-3");
        Assert.False(three.GetProperty("enabled").GetBoolean());

        var lines = $"{{\"deviceId\":\"JL-{tag}-1\",\"subMerchant\":\"metro\",\"location\":\"静安寺站\",\"plans\":[\"umbrella-daily\"]}}\n" +
            $"{{\"deviceId\":\"CSV-{tag}-2\",\"subMerchant\":\"metro\",\"location\":\"人民广场站D口\"}}\n";
        (status, result) = await ImportAsync(lines, "application/x-ndjson");
        Assert.True(status == HttpStatusCode.OK, result.ToString());
        Assert.Equal((2, 1, 1), (result.GetProperty("imported").GetInt32(), result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));

        // One bad line (and one duplicate): 400 naming the lines, nothing of the good lines stored.
        var before = await Server.QueryDbAsync(db => db.Devices.CountAsync());
        var bad = $"{{\"deviceId\":\"JL-{tag}-2\",\"subMerchant\":\"mall\",\"location\":\"C座\"}}\n" +
            $"{{\"deviceId\":\"JL-{tag}-3\",\"subMerchant\":\"nobody\",\"location\":\"C座\"}}\n" +
            $"{{\"deviceId\":\"JL-{tag}-2\",\"subMerchant\":\"mall\",\"location\":\"C座\"}}\n" +
            "not json\n";
        (status, result) = await ImportAsync(bad, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "subMerchant"), errors);
        Assert.Contains((3, "deviceId"), errors);
        Assert.Contains((4, "line"), errors);
        Assert.Equal(before, await Server.QueryDbAsync(db => db.Devices.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"devices/JL-{tag}-2")).Status);

        (status, _) = await ImportAsync("deviceId;location\nX;Y", "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await ImportAsync("{}", "application/xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(before, await Server.QueryDbAsync(db => db.Devices.CountAsync()));
    }

    [StorageFact]
    public async Task A_put_racing_another_insert_of_the_same_new_device_updates_it()
    {
        var writes = Server.Services.GetRequiredService<OrderWrites>();
        var id = "RACE-" + Guid.NewGuid().ToString("N")[..8];

        // Another writer inserted the device and has not committed yet.
        var factory = Server.Services.GetRequiredService<IDbContextFactory<PayScoreDbContext>>();
        await using var other = await factory.CreateDbContextAsync();
        await using var transaction = await other.Database.BeginTransactionAsync();
        other.Devices.Add(new DeviceRecord { DeviceId = id, SubMerchant = "mall", Location = "A座", CreatedAt = 1, UpdatedAt = 1 });
        await other.SaveChangesAsync();

        // On a thread of its own: SQLite's provider waits for a lock synchronously.
        var put = Task.Run(() => writes.PutDeviceAsync(new DeviceRecord { DeviceId = id, SubMerchant = "metro", Location = "人民广场站", Plans = "umbrella-daily" }, 2,
            CancellationToken.None));
        if (writes.IsPostgres)
        {
            // It did not see the uncommitted row and waits on its key (it fails on it once the other commits).
            await Eventually.WaitAsync(() => Server.QueryDbAsync(db => db.Database.SqlQuery<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO devices%'").SingleAsync()),
                n => n > 0, "the put to wait on the uncommitted device");
        }
        else
        {
            await Task.Delay(300); // SQLite: it waits for the write lock
        }

        Assert.False(put.IsCompleted);
        await transaction.CommitAsync();
        var (stored, created) = await put;
        Assert.False(created);
        Assert.Equal(("metro", "人民广场站", 1L, 2L), (stored.SubMerchant, stored.Location, stored.CreatedAt, stored.UpdatedAt));
        var read = await Server.QueryDbAsync(db => db.Devices.SingleAsync(d => d.DeviceId == id));
        Assert.Equal(("metro", "人民广场站", 1L, 2L), (read.SubMerchant, read.Location, read.CreatedAt, read.UpdatedAt));
        Assert.True(await writes.DeleteDeviceAsync(id, CancellationToken.None));
    }

    [StorageFact]
    public async Task A_device_import_the_database_refuses_writes_none_of_its_devices()
    {
        var writes = Server.Services.GetRequiredService<OrderWrites>();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, kept) = await Admin.SendAsync(HttpMethod.Put, $"devices/KEEP-{tag}", new { subMerchant = "mall", location = "A座" });
        var before = await Server.QueryDbAsync(db => db.Devices.CountAsync());

        // A new device, an update of a stored one, then a row the schema refuses (sub_merchant is NOT NULL): all or nothing.
        DeviceRecord[] import =
        [
            new() { DeviceId = $"NEW-{tag}", SubMerchant = "mall", Location = "B座" },
            new() { DeviceId = $"KEEP-{tag}", SubMerchant = "metro", Location = "人民广场站", Plans = "umbrella-daily" },
            new() { DeviceId = $"BAD-{tag}", SubMerchant = null!, Location = "C座" },
        ];
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => writes.ImportDevicesAsync(import, 1, CancellationToken.None));

        Assert.Equal(before, await Server.QueryDbAsync(db => db.Devices.CountAsync()));
        var (_, after) = await Admin.SendAsync(HttpMethod.Get, $"devices/KEEP-{tag}");
        Assert.Equal(kept.ToString(), after.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.SendAsync(HttpMethod.Get, $"devices/NEW-{tag}")).Status);

        // The writer is fine afterwards: the same import without the bad row goes through.
        var (created, updated) = await writes.ImportDevicesAsync(import[..2], 2, CancellationToken.None);
        Assert.Equal((1, 1), (created, updated));
        var (_, moved) = await Admin.SendAsync(HttpMethod.Get, $"devices/KEEP-{tag}");
        Assert.Equal("metro", moved.GetProperty("subMerchant").GetString());
        Assert.Equal(kept.GetProperty("createdAt").GetString(), moved.GetProperty("createdAt").GetString());
    }

    [StorageFact]
    public async Task The_configuration_seed_adds_missing_devices_and_leaves_stored_ones_as_the_admin_made_them()
    {
        // A device the configuration names too, made (or changed) by the admin API: the seed leaves it alone.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (status, _) = await Admin.SendAsync(HttpMethod.Put, $"devices/ADMIN-{tag}", new { subMerchant = "mall", location = "B座二楼" });
        Assert.Equal(HttpStatusCode.Created, status);
        var writes = Server.Services.GetRequiredService<OrderWrites>();
        DeviceRecord[] seed =
        [
            new() { DeviceId = $"ADMIN-{tag}", SubMerchant = "mall", Location = "B座咖啡厅" },
            new() { DeviceId = $"SEED-{tag}", SubMerchant = "metro", Location = "静安寺站", Plans = "umbrella-daily" },
        ];
        Assert.Equal(1, await writes.SeedDevicesAsync(seed, 3, CancellationToken.None));
        Assert.Equal(0, await writes.SeedDevicesAsync(seed, 4, CancellationToken.None));

        var stored = await Server.QueryDbAsync(db => db.Devices.Where(d => d.DeviceId == $"ADMIN-{tag}" || d.DeviceId == $"SEED-{tag}").OrderBy(d => d.DeviceId).ToListAsync());
        Assert.Equal(["B座二楼", "静安寺站"], stored.Select(d => d.Location));
        Assert.Equal(3, stored[1].CreatedAt);
        Assert.Equal(3, stored[1].UpdatedAt);
        Assert.True(await writes.DeleteDeviceAsync($"SEED-{tag}", CancellationToken.None));
        Assert.False(await writes.DeleteDeviceAsync($"SEED-{tag}", CancellationToken.None));
    }

    private async Task<(HttpStatusCode, JsonElement)> ImportAsync(string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/devices/import") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("X-Api-Key", ServerSecrets.AdminKey);
        return await TestClient.ReadAsync(await Server.Http.SendAsync(request));
    }

    private async Task ExpectDeviceProblemAsync(string deviceId, object body, string field)
    {
        var (status, problem) = await Admin.SendAsync(HttpMethod.Put, "devices/" + deviceId, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{deviceId}: {(int)status} {problem}");
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    private static async Task ExpectProblemAsync(TestClient client, object body, int status, string type, string field)
    {
        var (actual, problem) = await TestClient.ReadAsync(await client.SendAsync(HttpMethod.Post, "api/orders", body));
        Assert.True((int)actual == status, $"{JsonSerializer.Serialize(body)}: {(int)actual} {problem}");
        Assert.EndsWith("/" + type, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    private async Task<JsonElement> SandboxOrderAsync(string subMchId, string outOrderNo)
    {
        using var http = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        return await http.GetFromJsonAsync<JsonElement>($"sandbox/orders/{subMchId}/{outOrderNo}");
    }

    private async Task<JsonElement> SandboxCreateBodyAsync(string subMchId, string outOrderNo) =>
        JsonDocument.Parse((await SandboxOrderAsync(subMchId, outOrderNo)).GetProperty("create_body").GetString()!).RootElement.Clone();

    private async Task<Persistence.OrderRecord> WaitForPhaseAsync(string outOrderNo, OrderPhase phase) =>
        (await Eventually.WaitAsync(() => Server.FindOrderAsync(outOrderNo), o => o?.Phase == phase, $"{outOrderNo} to be {phase}"))!;
}
