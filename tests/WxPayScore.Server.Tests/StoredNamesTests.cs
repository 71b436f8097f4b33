using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// The stored enums keep the strings the columns held before they were enums (existing databases need no data
/// migration), in both write paths — EF Core's converter and the literal SQL of <see cref="OrderSql"/> — and in JSON.
/// </summary>
public sealed class StoredNamesTests
{
    [Fact]
    public void Every_member_keeps_the_string_stored_before_the_enums()
    {
        Assert.Equal(new Dictionary<OrderPhase, string>
        {
            [OrderPhase.Creating] = "CREATING", [OrderPhase.CreateFailed] = "CREATE_FAILED", [OrderPhase.Created] = "CREATED",
            [OrderPhase.UserConfirmed] = "USER_CONFIRMED", [OrderPhase.AwaitingPayment] = "AWAITING_PAYMENT", [OrderPhase.Done] = "DONE",
            [OrderPhase.Revoked] = "REVOKED", [OrderPhase.Expired] = "EXPIRED", [OrderPhase.Unknown] = "UNKNOWN",
        }, Names<OrderPhase>());
        Assert.Equal(new Dictionary<OrderEventKind, string>
        {
            [OrderEventKind.Created] = "created", [OrderEventKind.StateChanged] = "state_changed",
            [OrderEventKind.CollectionUpdated] = "collection_updated", [OrderEventKind.AmountChanged] = "amount_changed",
            [OrderEventKind.AdminAction] = "admin_action", [OrderEventKind.CallFailed] = "call_failed",
            [OrderEventKind.CreateFailed] = "create_failed", [OrderEventKind.Repaired] = "repaired",
            [OrderEventKind.RefundRequested] = "refund_requested", [OrderEventKind.RefundChanged] = "refund_changed",
        }, Names<OrderEventKind>());
        Assert.Equal(new Dictionary<OrderSource, string>
        {
            [OrderSource.Api] = "api", [OrderSource.Callback] = "callback", [OrderSource.Query] = "query",
            [OrderSource.Reconciler] = "reconciler", [OrderSource.Admin] = "admin",
        }, Names<OrderSource>());
        Assert.Equal(new Dictionary<NotificationOutcome, string>
        {
            [NotificationOutcome.Applied] = "applied", [NotificationOutcome.NoChange] = "no_change", [NotificationOutcome.Duplicate] = "duplicate",
            [NotificationOutcome.Rejected] = "rejected", [NotificationOutcome.UnknownOrder] = "unknown_order",
            [NotificationOutcome.Ignored] = "ignored", [NotificationOutcome.Failed] = "failed",
        }, Names<NotificationOutcome>());
        Assert.Equal(new Dictionary<WeChatCallOperation, string>
        {
            [WeChatCallOperation.Create] = "create", [WeChatCallOperation.Query] = "query", [WeChatCallOperation.QueryByQueryId] = "query_by_query_id",
            [WeChatCallOperation.Cancel] = "cancel", [WeChatCallOperation.Modify] = "modify", [WeChatCallOperation.Complete] = "complete",
            [WeChatCallOperation.Pay] = "pay", [WeChatCallOperation.Sync] = "sync", [WeChatCallOperation.Login] = "jscode2session",
            [WeChatCallOperation.Certificates] = "certificates", [WeChatCallOperation.RefundCreate] = "refund_create",
            [WeChatCallOperation.RefundQuery] = "refund_query",
        }, Names<WeChatCallOperation>());
        Assert.Equal(new Dictionary<WeChatCallOutcome, string>
        {
            [WeChatCallOutcome.Ok] = "ok", [WeChatCallOutcome.ApiError] = "api_error", [WeChatCallOutcome.Unknown] = "unknown",
            [WeChatCallOutcome.BadSignature] = "bad_signature", [WeChatCallOutcome.ReconciledFound] = "reconciled_found",
            [WeChatCallOutcome.ReconciledNotFound] = "reconciled_not_found", [WeChatCallOutcome.Interrupted] = "interrupted",
            [WeChatCallOutcome.Cancelled] = "cancelled",
        }, Names<WeChatCallOutcome>());
    }

    [Fact]
    public void Json_uses_the_stored_strings_both_ways_and_parsing_is_exact()
    {
        Assert.Equal("\"CREATE_FAILED\"", JsonSerializer.Serialize(OrderPhase.CreateFailed, JsonSerializerOptions.Web));
        Assert.Equal("\"jscode2session\"", JsonSerializer.Serialize(WeChatCallOperation.Login, JsonSerializerOptions.Web));
        Assert.Equal(NotificationOutcome.UnknownOrder, JsonSerializer.Deserialize<NotificationOutcome>("\"unknown_order\"", JsonSerializerOptions.Web));
        Assert.True(StoredNames.TryParse("USER_CONFIRMED", out OrderPhase confirmed));
        Assert.Equal(OrderPhase.UserConfirmed, confirmed);
        Assert.False(StoredNames.TryParse<OrderPhase>("UserConfirmed", out _));
        Assert.False(StoredNames.TryParse<OrderPhase>("user_confirmed", out _));
        Assert.False(StoredNames.TryParse<WeChatCallOutcome>(null, out _));
        Assert.Throws<FormatException>(() => StoredNames.Parse<WeChatCallOutcome>("OK"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((OrderPhase)99).ToStoredName());
    }

    [Fact]
    public async Task Ef_core_and_the_literal_sql_store_the_same_strings_and_read_each_others_rows()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqlitePayScoreDbContext(new DbContextOptionsBuilder<SqlitePayScoreDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();

        var viaEf = Order("EF1", OrderPhase.CreateFailed);
        db.Orders.Add(viaEf);
        db.OrderEvents.Add(new OrderEventRecord
        {
            Order = viaEf, Kind = OrderEventKind.StateChanged, Source = OrderSource.Reconciler, FromPhase = OrderPhase.Creating, ToPhase = OrderPhase.CreateFailed,
        });
        db.WeChatCalls.Add(new WeChatCallRecord { Order = viaEf, Operation = WeChatCallOperation.QueryByQueryId, Outcome = WeChatCallOutcome.ReconciledNotFound, Instance = "t" });
        db.Notifications.Add(new NotificationRecord { Verification = "ok", Outcome = NotificationOutcome.UnknownOrder });
        await db.SaveChangesAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var viaSql = Order("SQL1", OrderPhase.AwaitingPayment);
            await OrderSql.InsertOrderAsync(connection, transaction, viaSql);
            await OrderSql.InsertEventAsync(connection, transaction, new OrderEventRecord
            {
                OrderId = viaSql.Id, Kind = OrderEventKind.CollectionUpdated, Source = OrderSource.Callback, ToPhase = OrderPhase.UserConfirmed,
            });
            var call = new WeChatCallRecord { OrderId = viaSql.Id, Operation = WeChatCallOperation.Login, Instance = "t" };
            await OrderSql.InsertCallAsync(connection, transaction, call);
            call.Outcome = WeChatCallOutcome.BadSignature;
            await OrderSql.UpdateCallOutcomeAsync(connection, transaction, call);
            await OrderSql.InsertNotificationAsync(connection, transaction, new NotificationRecord { Verification = "ok", Outcome = NotificationOutcome.NoChange });

            viaSql.Phase = OrderPhase.Done;
            Assert.True(await OrderSql.TryUpdateOrderAsync(connection, transaction, viaSql));
            Assert.Equal(OrderPhase.CreateFailed, (await OrderSql.LoadOrderAsync(connection, transaction, "1900000109", "EF1", forUpdate: false))!.Phase);
            Assert.Equal(OrderPhase.Done, (await OrderSql.LoadOrderAsync(connection, transaction, "1900000109", "SQL1", forUpdate: false))!.Phase);
            await transaction.CommitAsync();
        }

        Assert.Equal(["CREATE_FAILED", "DONE"], await RowsAsync(connection, "SELECT phase FROM orders ORDER BY id"));
        Assert.Equal(["state_changed reconciler CREATING CREATE_FAILED", "collection_updated callback  USER_CONFIRMED"],
            await RowsAsync(connection, "SELECT kind || ' ' || source || ' ' || coalesce(from_phase, '') || ' ' || to_phase FROM order_events ORDER BY id"));
        Assert.Equal(["query_by_query_id reconciled_not_found", "jscode2session bad_signature"],
            await RowsAsync(connection, "SELECT operation || ' ' || outcome FROM wechat_calls ORDER BY id"));
        Assert.Equal(["unknown_order", "no_change"], await RowsAsync(connection, "SELECT outcome FROM notifications ORDER BY id"));

        db.ChangeTracker.Clear();
        Assert.Equal([OrderPhase.CreateFailed, OrderPhase.Done], await db.Orders.OrderBy(o => o.Id).Select(o => o.Phase).ToListAsync());
        Assert.Equal(OrderPhase.UserConfirmed, (await db.OrderEvents.SingleAsync(e => e.Kind == OrderEventKind.CollectionUpdated)).ToPhase);
        Assert.Equal(WeChatCallOutcome.BadSignature, (await db.WeChatCalls.SingleAsync(c => c.Operation == WeChatCallOperation.Login)).Outcome);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Outcome == NotificationOutcome.NoChange));
    }

    private static Dictionary<TEnum, string> Names<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => v.ToStoredName());

    private static OrderRecord Order(string outOrderNo, OrderPhase phase) => new()
    {
        SubMchId = "1900000109", OutOrderNo = outOrderNo, ServiceId = "500001", AppId = "wx-app", PlanId = "plan", OwnerOpenId = "o-user",
        Phase = phase, CreateBody = [0x7B, 0x7D],
    };

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
