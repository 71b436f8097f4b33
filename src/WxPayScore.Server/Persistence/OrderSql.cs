using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The hot transactions' statements as literal SQL (the issue's documented fallback: EF Core's <c>SaveChanges</c>
/// missed the create-throughput gate, see docs/performance.md). The same on SQLite and PostgreSQL. Every column list here
/// is checked against the EF Core model by a test (<c>OrderSqlTests</c>), so the model — and its migrations — stay the
/// schema's one definition; each statement's parameters are bound from one table of values per record
/// (<see cref="Parameters{T}"/>), and a test round-trips every column.
/// <para>
/// On SQLite the statements run on the one long-lived writer connection and stay prepared there: a command per
/// statement is kept for that connection (Microsoft.Data.Sqlite keeps a command's compiled statements between
/// executions, but prepares again for every new command). On PostgreSQL each call uses a fresh command on a pooled
/// connection, and Npgsql's automatic preparation keeps the server-side statements.
/// </para>
/// <para>Stored enums are bound as their stored strings (<see cref="StoredNames"/>), never as numbers.</para>
/// </summary>
internal static partial class OrderSql
{
    public const string InsertOrder = """
        INSERT INTO orders (sub_mch_id, out_order_no, service_id, app_id, sub_app_id, plan_id, sub_merchant_key, device_id, start_location,
            end_device_id, owner_open_id, phase, rank, state,
            state_description, collection_state, we_chat_order_id, package, confirmed_open_id, confirmed_sub_open_id, risk_fund_amount,
            total_amount, paid_amount, collection_details_count, create_body, snapshot_json, created_at, updated_at, next_reconcile_at,
            reconcile_attempts, lease_owner, lease_until, version)
        VALUES (@SubMchId, @OutOrderNo, @ServiceId, @AppId, @SubAppId, @PlanId, @SubMerchantKey, @DeviceId, @StartLocation,
            @EndDeviceId, @OwnerOpenId, @Phase, @Rank, @State,
            @StateDescription, @CollectionState, @WeChatOrderId, @Package, @ConfirmedOpenId, @ConfirmedSubOpenId, @RiskFundAmount,
            @TotalAmount, @PaidAmount, @CollectionDetailsCount, @CreateBody, @SnapshotJson, @CreatedAt, @UpdatedAt, @NextReconcileAt,
            @ReconcileAttempts, @LeaseOwner, @LeaseUntil, @Version)
        RETURNING id
        """;

    /// <summary>Every column but the key and the reconciler's lease (which is no change of the order), if the version is still <c>@ExpectedVersion</c>.</summary>
    public const string UpdateOrder = """
        UPDATE orders SET sub_mch_id = @SubMchId, out_order_no = @OutOrderNo, service_id = @ServiceId, app_id = @AppId,
            sub_app_id = @SubAppId, plan_id = @PlanId, sub_merchant_key = @SubMerchantKey, device_id = @DeviceId,
            start_location = @StartLocation, end_device_id = @EndDeviceId, owner_open_id = @OwnerOpenId, phase = @Phase, rank = @Rank, state = @State,
            state_description = @StateDescription, collection_state = @CollectionState, we_chat_order_id = @WeChatOrderId,
            package = @Package, confirmed_open_id = @ConfirmedOpenId, confirmed_sub_open_id = @ConfirmedSubOpenId,
            risk_fund_amount = @RiskFundAmount, total_amount = @TotalAmount, paid_amount = @PaidAmount,
            collection_details_count = @CollectionDetailsCount, create_body = @CreateBody, snapshot_json = @SnapshotJson,
            created_at = @CreatedAt, updated_at = @UpdatedAt, next_reconcile_at = @NextReconcileAt,
            reconcile_attempts = @ReconcileAttempts, version = @Version
        WHERE id = @Id AND version = @ExpectedVersion
        """;

    /// <summary>Every column, in the order <see cref="ReadOrder"/> reads them.</summary>
    public const string SelectOrder = """
        SELECT id, sub_mch_id, out_order_no, service_id, app_id, sub_app_id, plan_id, sub_merchant_key, device_id, start_location,
            end_device_id, owner_open_id, phase, rank, state,
            state_description, collection_state, we_chat_order_id, package, confirmed_open_id, confirmed_sub_open_id, risk_fund_amount,
            total_amount, paid_amount, collection_details_count, create_body, snapshot_json, created_at, updated_at, next_reconcile_at,
            reconcile_attempts, lease_owner, lease_until, version
        FROM orders WHERE sub_mch_id = @subMchId AND out_order_no = @outOrderNo
        """;

    public const string SelectOrderForUpdate = SelectOrder + " FOR UPDATE";

    public const string InsertEvent = """
        INSERT INTO order_events (order_id, at, kind, source, from_phase, to_phase, notification_id, detail)
        VALUES (@OrderId, @At, @Kind, @Source, @FromPhase, @ToPhase, @NotificationId, @Detail)
        RETURNING id
        """;

    public const string InsertCall = """
        INSERT INTO wechat_calls (order_id, operation, target, request_body, sent_at, completed_at, outcome, http_status, error_code,
            error_message, request_id, instance)
        VALUES (@OrderId, @Operation, @Target, @RequestBody, @SentAt, @CompletedAt, @Outcome, @HttpStatus, @ErrorCode,
            @ErrorMessage, @RequestId, @Instance)
        RETURNING id
        """;

    public const string UpdateCallOutcome = """
        UPDATE wechat_calls SET order_id = @OrderId, completed_at = @CompletedAt, outcome = @Outcome, http_status = @HttpStatus,
            error_code = @ErrorCode, error_message = @ErrorMessage, request_id = @RequestId
        WHERE id = @Id
        """;

    public const string InsertNotification = """
        INSERT INTO notifications (received_at, notification_id, event_type, verification, outcome, order_id, sub_mch_id, out_order_no,
            error, instance)
        VALUES (@ReceivedAt, @NotificationId, @EventType, @Verification, @Outcome, @OrderId, @SubMchId, @OutOrderNo, @Error, @Instance)
        RETURNING id
        """;

    public const string InsertProcessed = """
        INSERT INTO processed_notifications (notification_id, processed_at, order_id) VALUES (@NotificationId, @ProcessedAt, @OrderId)
        """;

    public const string SelectProcessed = "SELECT 1 FROM processed_notifications WHERE notification_id = @notificationId";

    private static readonly Parameters<OrderRecord> OrderValues = new()
    {
        [nameof(OrderRecord.Id)] = Value((OrderRecord o) => o.Id),
        [nameof(OrderRecord.SubMchId)] = Value((OrderRecord o) => o.SubMchId),
        [nameof(OrderRecord.OutOrderNo)] = Value((OrderRecord o) => o.OutOrderNo),
        [nameof(OrderRecord.ServiceId)] = Value((OrderRecord o) => o.ServiceId),
        [nameof(OrderRecord.AppId)] = Value((OrderRecord o) => o.AppId),
        [nameof(OrderRecord.SubAppId)] = Value((OrderRecord o) => o.SubAppId),
        [nameof(OrderRecord.PlanId)] = Value((OrderRecord o) => o.PlanId),
        [nameof(OrderRecord.SubMerchantKey)] = Value((OrderRecord o) => o.SubMerchantKey),
        [nameof(OrderRecord.DeviceId)] = Value((OrderRecord o) => o.DeviceId),
        [nameof(OrderRecord.StartLocation)] = Value((OrderRecord o) => o.StartLocation),
        [nameof(OrderRecord.EndDeviceId)] = Value((OrderRecord o) => o.EndDeviceId),
        [nameof(OrderRecord.OwnerOpenId)] = Value((OrderRecord o) => o.OwnerOpenId),
        [nameof(OrderRecord.Phase)] = Value((OrderRecord o) => o.Phase.ToStoredName()),
        [nameof(OrderRecord.Rank)] = Value((OrderRecord o) => o.Rank),
        [nameof(OrderRecord.State)] = Value((OrderRecord o) => o.State),
        [nameof(OrderRecord.StateDescription)] = Value((OrderRecord o) => o.StateDescription),
        [nameof(OrderRecord.CollectionState)] = Value((OrderRecord o) => o.CollectionState),
        [nameof(OrderRecord.WeChatOrderId)] = Value((OrderRecord o) => o.WeChatOrderId),
        [nameof(OrderRecord.Package)] = Value((OrderRecord o) => o.Package),
        [nameof(OrderRecord.ConfirmedOpenId)] = Value((OrderRecord o) => o.ConfirmedOpenId),
        [nameof(OrderRecord.ConfirmedSubOpenId)] = Value((OrderRecord o) => o.ConfirmedSubOpenId),
        [nameof(OrderRecord.RiskFundAmount)] = Value((OrderRecord o) => o.RiskFundAmount),
        [nameof(OrderRecord.TotalAmount)] = Value((OrderRecord o) => o.TotalAmount),
        [nameof(OrderRecord.PaidAmount)] = Value((OrderRecord o) => o.PaidAmount),
        [nameof(OrderRecord.CollectionDetailsCount)] = Value((OrderRecord o) => o.CollectionDetailsCount),
        [nameof(OrderRecord.CreateBody)] = Value((OrderRecord o) => o.CreateBody),
        [nameof(OrderRecord.SnapshotJson)] = Value((OrderRecord o) => o.SnapshotJson),
        [nameof(OrderRecord.CreatedAt)] = Value((OrderRecord o) => o.CreatedAt),
        [nameof(OrderRecord.UpdatedAt)] = Value((OrderRecord o) => o.UpdatedAt),
        [nameof(OrderRecord.NextReconcileAt)] = Value((OrderRecord o) => o.NextReconcileAt),
        [nameof(OrderRecord.ReconcileAttempts)] = Value((OrderRecord o) => o.ReconcileAttempts),
        [nameof(OrderRecord.LeaseOwner)] = Value((OrderRecord o) => o.LeaseOwner),
        [nameof(OrderRecord.LeaseUntil)] = Value((OrderRecord o) => o.LeaseUntil),
        [nameof(OrderRecord.Version)] = Value((OrderRecord o) => o.Version),

        // The update's condition: the version the order was read with (TryUpdateOrderAsync has moved it on by one).
        ["ExpectedVersion"] = Value((OrderRecord o) => o.Version - 1),
    };

    private static readonly Parameters<OrderEventRecord> EventValues = new()
    {
        [nameof(OrderEventRecord.OrderId)] = Value((OrderEventRecord e) => e.OrderId),
        [nameof(OrderEventRecord.At)] = Value((OrderEventRecord e) => e.At),
        [nameof(OrderEventRecord.Kind)] = Value((OrderEventRecord e) => e.Kind.ToStoredName()),
        [nameof(OrderEventRecord.Source)] = Value((OrderEventRecord e) => e.Source.ToStoredName()),
        [nameof(OrderEventRecord.FromPhase)] = Value((OrderEventRecord e) => e.FromPhase?.ToStoredName()),
        [nameof(OrderEventRecord.ToPhase)] = Value((OrderEventRecord e) => e.ToPhase?.ToStoredName()),
        [nameof(OrderEventRecord.NotificationId)] = Value((OrderEventRecord e) => e.NotificationId),
        [nameof(OrderEventRecord.Detail)] = Value((OrderEventRecord e) => e.Detail),
    };

    private static readonly Parameters<WeChatCallRecord> CallValues = new()
    {
        [nameof(WeChatCallRecord.Id)] = Value((WeChatCallRecord c) => c.Id),
        [nameof(WeChatCallRecord.OrderId)] = Value((WeChatCallRecord c) => c.OrderId),
        [nameof(WeChatCallRecord.Operation)] = Value((WeChatCallRecord c) => c.Operation.ToStoredName()),
        [nameof(WeChatCallRecord.Target)] = Value((WeChatCallRecord c) => c.Target),
        [nameof(WeChatCallRecord.RequestBody)] = Value((WeChatCallRecord c) => c.RequestBody),
        [nameof(WeChatCallRecord.SentAt)] = Value((WeChatCallRecord c) => c.SentAt),
        [nameof(WeChatCallRecord.CompletedAt)] = Value((WeChatCallRecord c) => c.CompletedAt),
        [nameof(WeChatCallRecord.Outcome)] = Value((WeChatCallRecord c) => c.Outcome?.ToStoredName()),
        [nameof(WeChatCallRecord.HttpStatus)] = Value((WeChatCallRecord c) => c.HttpStatus),
        [nameof(WeChatCallRecord.ErrorCode)] = Value((WeChatCallRecord c) => c.ErrorCode),
        [nameof(WeChatCallRecord.ErrorMessage)] = Value((WeChatCallRecord c) => c.ErrorMessage),
        [nameof(WeChatCallRecord.RequestId)] = Value((WeChatCallRecord c) => c.RequestId),
        [nameof(WeChatCallRecord.Instance)] = Value((WeChatCallRecord c) => c.Instance),
    };

    private static readonly Parameters<NotificationRecord> NotificationValues = new()
    {
        [nameof(NotificationRecord.ReceivedAt)] = Value((NotificationRecord n) => n.ReceivedAt),
        [nameof(NotificationRecord.NotificationId)] = Value((NotificationRecord n) => n.NotificationId),
        [nameof(NotificationRecord.EventType)] = Value((NotificationRecord n) => n.EventType),
        [nameof(NotificationRecord.Verification)] = Value((NotificationRecord n) => n.Verification),
        [nameof(NotificationRecord.Outcome)] = Value((NotificationRecord n) => n.Outcome.ToStoredName()),
        [nameof(NotificationRecord.OrderId)] = Value((NotificationRecord n) => n.OrderId),
        [nameof(NotificationRecord.SubMchId)] = Value((NotificationRecord n) => n.SubMchId),
        [nameof(NotificationRecord.OutOrderNo)] = Value((NotificationRecord n) => n.OutOrderNo),
        [nameof(NotificationRecord.Error)] = Value((NotificationRecord n) => n.Error),
        [nameof(NotificationRecord.Instance)] = Value((NotificationRecord n) => n.Instance),
    };

    private static readonly Parameters<ProcessedNotificationRecord> ProcessedValues = new()
    {
        [nameof(ProcessedNotificationRecord.NotificationId)] = Value((ProcessedNotificationRecord p) => p.NotificationId),
        [nameof(ProcessedNotificationRecord.ProcessedAt)] = Value((ProcessedNotificationRecord p) => p.ProcessedAt),
        [nameof(ProcessedNotificationRecord.OrderId)] = Value((ProcessedNotificationRecord p) => p.OrderId),
    };

    private static readonly Parameters<(string SubMchId, string OutOrderNo)> OrderKeyValues = new()
    {
        ["subMchId"] = Value(((string SubMchId, string OutOrderNo) k) => k.SubMchId),
        ["outOrderNo"] = Value(((string SubMchId, string OutOrderNo) k) => k.OutOrderNo),
    };

    private static readonly Parameters<string> NotificationIdValues = new() { ["notificationId"] = Value((string id) => id) };

    /// <summary>The commands kept prepared on each SQLite connection that ran them (in practice: the writer).</summary>
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Prepared = [];

    public static async Task<OrderRecord?> LoadOrderAsync(DbConnection connection, DbTransaction transaction, string subMchId, string outOrderNo,
        bool forUpdate)
    {
        var sql = forUpdate ? SelectOrderForUpdate : SelectOrder;
        var command = Command(connection, transaction, sql, OrderKeyValues, (subMchId, outOrderNo));
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return null;
            }

            var order = ReadOrder(reader);
            return await reader.ReadAsync() ? throw new InvalidOperationException($"Two orders {subMchId}/{outOrderNo}.") : order;
        }
        finally
        {
            await ReturnAsync(connection, command);
        }
    }

    public static async Task InsertOrderAsync(DbConnection connection, DbTransaction transaction, OrderRecord order) =>
        order.Id = await ScalarAsync(connection, transaction, InsertOrder, OrderValues, order);

    /// <summary>Stores the order if its stored version is still the one it was read with (bumping it); false (nothing written) otherwise.</summary>
    public static async Task<bool> TryUpdateOrderAsync(DbConnection connection, DbTransaction transaction, OrderRecord order)
    {
        var expected = order.Version;
        order.Version = expected + 1;
        if (await ExecuteAsync(connection, transaction, UpdateOrder, OrderValues, order) == 1)
        {
            return true;
        }

        order.Version = expected;
        return false;
    }

    public static async Task InsertEventAsync(DbConnection connection, DbTransaction transaction, OrderEventRecord entry) =>
        entry.Id = await ScalarAsync(connection, transaction, InsertEvent, EventValues, entry);

    public static async Task InsertCallAsync(DbConnection connection, DbTransaction transaction, WeChatCallRecord call) =>
        call.Id = await ScalarAsync(connection, transaction, InsertCall, CallValues, call);

    public static async Task UpdateCallOutcomeAsync(DbConnection connection, DbTransaction transaction, WeChatCallRecord call)
    {
        if (await ExecuteAsync(connection, transaction, UpdateCallOutcome, CallValues, call) != 1)
        {
            throw new InvalidOperationException($"The journal row {call.Id} is missing.");
        }
    }

    public static async Task InsertNotificationAsync(DbConnection connection, DbTransaction transaction, NotificationRecord record) =>
        record.Id = await ScalarAsync(connection, transaction, InsertNotification, NotificationValues, record);

    public static async Task<bool> IsProcessedAsync(DbConnection connection, DbTransaction transaction, string notificationId)
    {
        var command = Command(connection, transaction, SelectProcessed, NotificationIdValues, notificationId);
        try
        {
            return await command.ExecuteScalarAsync() is not (null or DBNull);
        }
        finally
        {
            await ReturnAsync(connection, command);
        }
    }

    public static Task InsertProcessedAsync(DbConnection connection, DbTransaction transaction, ProcessedNotificationRecord marker) =>
        ExecuteAsync(connection, transaction, InsertProcessed, ProcessedValues, marker);

    /// <summary>Disposes the commands kept on <paramref name="connection"/> (before it is closed for good).</summary>
    public static void Forget(DbConnection connection)
    {
        if (Prepared.TryGetValue(connection, out var kept))
        {
            foreach (var command in kept.Values)
            {
                command.Dispose();
            }

            Prepared.Remove(connection);
        }
    }

    /// <summary>The names of a statement's parameters (<c>@Name</c>), in order of first use.</summary>
    internal static IReadOnlyList<string> ParameterNames(string sql) =>
        ParameterPattern().Matches(sql).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The parameters each statement binds from (for the test that every parameter has a value and every value a column).</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyCollection<string>> ParametersOf { get; } = new Dictionary<string, IReadOnlyCollection<string>>
    {
        [nameof(InsertOrder)] = OrderValues.Keys,
        [nameof(UpdateOrder)] = OrderValues.Keys,
        [nameof(InsertEvent)] = EventValues.Keys,
        [nameof(InsertCall)] = CallValues.Keys,
        [nameof(UpdateCallOutcome)] = CallValues.Keys,
        [nameof(InsertNotification)] = NotificationValues.Keys,
        [nameof(InsertProcessed)] = ProcessedValues.Keys,
        [nameof(SelectOrder)] = OrderKeyValues.Keys,
        [nameof(SelectProcessed)] = NotificationIdValues.Keys,
    };

    private static OrderRecord ReadOrder(DbDataReader reader)
    {
        // The ordinals are SelectOrder's column order.
        var order = new OrderRecord
        {
            Id = reader.GetInt64(0),
            SubMchId = reader.GetString(1),
            OutOrderNo = reader.GetString(2),
            ServiceId = reader.GetString(3),
            AppId = reader.GetString(4),
            SubAppId = Text(reader, 5),
            PlanId = reader.GetString(6),
            SubMerchantKey = Text(reader, 7),
            DeviceId = Text(reader, 8),
            StartLocation = Text(reader, 9),
            EndDeviceId = Text(reader, 10),
            OwnerOpenId = reader.GetString(11),
            Phase = StoredNames.Parse<OrderPhase>(reader.GetString(12)),
            Rank = reader.GetInt32(13),
            State = Text(reader, 14),
            StateDescription = Text(reader, 15),
            CollectionState = Text(reader, 16),
            WeChatOrderId = Text(reader, 17),
            Package = Text(reader, 18),
            ConfirmedOpenId = Text(reader, 19),
            ConfirmedSubOpenId = Text(reader, 20),
            RiskFundAmount = reader.GetInt64(21),
            TotalAmount = reader.IsDBNull(22) ? null : reader.GetInt64(22),
            PaidAmount = reader.GetInt64(23),
            CollectionDetailsCount = reader.GetInt32(24),
            CreateBody = (byte[])reader.GetValue(25),
            SnapshotJson = Text(reader, 26),
            CreatedAt = reader.GetInt64(27),
            UpdatedAt = reader.GetInt64(28),
            NextReconcileAt = reader.IsDBNull(29) ? null : reader.GetInt64(29),
            ReconcileAttempts = reader.GetInt32(30),
            LeaseOwner = Text(reader, 31),
            LeaseUntil = reader.IsDBNull(32) ? null : reader.GetInt64(32),
            Version = reader.GetInt64(33),
        };
        return order;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<long> ScalarAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Parameters<T> values, T item)
    {
        var command = Command(connection, transaction, sql, values, item);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await ReturnAsync(connection, command);
        }
    }

    private static async Task<int> ExecuteAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Parameters<T> values, T item)
    {
        var command = Command(connection, transaction, sql, values, item);
        try
        {
            return await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await ReturnAsync(connection, command);
        }
    }

    /// <summary>The statement's command with the item's values bound: the one kept on a SQLite connection, or a new one.</summary>
    private static DbCommand Command<T>(DbConnection connection, DbTransaction transaction, string sql, Parameters<T> values, T item)
    {
        Dictionary<string, DbCommand>? kept = null;
        if (connection is SqliteConnection)
        {
            kept = Prepared.GetOrCreateValue(connection);
        }

        var names = values.NamesIn(sql);
        if (kept is null || !kept.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.DbType = values[name].Type;
                command.Parameters.Add(parameter);
            }

            kept?.Add(sql, command);
        }

        command.Transaction = transaction;
        for (var i = 0; i < names.Count; i++)
        {
            command.Parameters[i].Value = values[names[i]].Get(item) ?? DBNull.Value;
        }

        return command;
    }

    private static ValueTask ReturnAsync(DbConnection connection, DbCommand command) =>
        connection is SqliteConnection ? ValueTask.CompletedTask : command.DisposeAsync();

    private static ParameterValue<T> Value<T, TValue>(Func<T, TValue> get) =>
        new(item => get(item), TypeOf(typeof(TValue)));

    private static DbType TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => DbType.String,
        var t when t == typeof(long) => DbType.Int64,
        var t when t == typeof(int) => DbType.Int32,
        var t when t == typeof(byte[]) => DbType.Binary,
        _ => throw new NotSupportedException($"No column type for {type}."),
    };

    [GeneratedRegex(@"@(?<name>[A-Za-z]\w*)")]
    private static partial Regex ParameterPattern();

    /// <summary>How one parameter gets its value from a record, and its database type.</summary>
    private sealed record ParameterValue<T>(Func<T, object?> Get, DbType Type);

    /// <summary>A record's parameter values by name, with each statement's parameter names in order (computed once).</summary>
    private sealed class Parameters<T> : Dictionary<string, ParameterValue<T>>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> names = new(StringComparer.Ordinal);

        public Parameters()
            : base(StringComparer.Ordinal)
        {
        }

        public IReadOnlyList<string> NamesIn(string sql) => names.GetOrAdd(sql, static s => ParameterNames(s));
    }
}
