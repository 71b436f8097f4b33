using System.Data;
using System.Data.Common;
using Dapper;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The hot transactions' statements as literal SQL, run with Dapper (the documented fallback: EF Core's
/// <c>SaveChanges</c> missed the create-throughput gate, see docs/performance.md). The same on SQLite and PostgreSQL;
/// parameters are the records' property names. Every column list here is checked against the EF Core model by a test
/// (<c>OrderSqlTests</c>), so the model — and its migrations — stay the schema's one definition.
/// <para>
/// The stored enums (<see cref="StoredNames"/>) cross Dapper here and only here: Dapper binds an enum as its number and
/// parses a text column into an enum by member name, ignoring type handlers for enums (DapperLib/Dapper#259), so each
/// statement passes the enum columns as their stored strings (<c>WithStoredNames</c>) and the order select reads
/// <c>phase</c> as text (<see cref="LoadOrderAsync"/>).
/// </para>
/// </summary>
internal static class OrderSql
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

    /// <summary>Every column, <c>phase</c> last: it is read as text after the rest (<see cref="LoadOrderAsync"/>).</summary>
    public const string SelectOrder = """
        SELECT id, sub_mch_id, out_order_no, service_id, app_id, sub_app_id, plan_id, sub_merchant_key, device_id, start_location,
            end_device_id, owner_open_id, rank, state,
            state_description, collection_state, we_chat_order_id, package, confirmed_open_id, confirmed_sub_open_id, risk_fund_amount,
            total_amount, paid_amount, collection_details_count, create_body, snapshot_json, created_at, updated_at, next_reconcile_at,
            reconcile_attempts, lease_owner, lease_until, version, phase
        FROM orders WHERE sub_mch_id = @subMchId AND out_order_no = @outOrderNo
        """;

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

    static OrderSql() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public static async Task<OrderRecord?> LoadOrderAsync(DbConnection connection, DbTransaction transaction, string subMchId, string outOrderNo,
        bool forUpdate)
    {
        var rows = await connection.QueryAsync<OrderRecord, string, OrderRecord>(forUpdate ? SelectOrder + " FOR UPDATE" : SelectOrder,
            (order, phase) =>
            {
                order.Phase = StoredNames.Parse<OrderPhase>(phase);
                return order;
            },
            new { subMchId, outOrderNo }, transaction, splitOn: "phase");
        return rows.SingleOrDefault();
    }

    public static async Task InsertOrderAsync(DbConnection connection, DbTransaction transaction, OrderRecord order) =>
        order.Id = await connection.ExecuteScalarAsync<long>(InsertOrder, WithStoredNames(order), transaction);

    /// <summary>Stores the order if its stored version is still the one it was read with (bumping it); false (nothing written) otherwise.</summary>
    public static async Task<bool> TryUpdateOrderAsync(DbConnection connection, DbTransaction transaction, OrderRecord order)
    {
        var expected = order.Version;
        order.Version = expected + 1;
        var parameters = WithStoredNames(order);
        parameters.Add("ExpectedVersion", expected);
        if (await connection.ExecuteAsync(UpdateOrder, parameters, transaction) == 1)
        {
            return true;
        }

        order.Version = expected;
        return false;
    }

    public static async Task InsertEventAsync(DbConnection connection, DbTransaction transaction, OrderEventRecord entry) =>
        entry.Id = await connection.ExecuteScalarAsync<long>(InsertEvent, WithStoredNames(entry), transaction);

    public static async Task InsertCallAsync(DbConnection connection, DbTransaction transaction, WeChatCallRecord call) =>
        call.Id = await connection.ExecuteScalarAsync<long>(InsertCall, WithStoredNames(call), transaction);

    public static async Task UpdateCallOutcomeAsync(DbConnection connection, DbTransaction transaction, WeChatCallRecord call)
    {
        var parameters = new DynamicParameters(call);
        Text(parameters, nameof(WeChatCallRecord.Outcome), call.Outcome?.ToStoredName());
        if (await connection.ExecuteAsync(UpdateCallOutcome, parameters, transaction) != 1)
        {
            throw new InvalidOperationException($"The journal row {call.Id} is missing.");
        }
    }

    public static async Task InsertNotificationAsync(DbConnection connection, DbTransaction transaction, NotificationRecord record) =>
        record.Id = await connection.ExecuteScalarAsync<long>(InsertNotification, WithStoredNames(record), transaction);

    public static async Task<bool> IsProcessedAsync(DbConnection connection, DbTransaction transaction, string notificationId) =>
        await connection.ExecuteScalarAsync<long?>(SelectProcessed, new { notificationId }, transaction) is not null;

    public static Task InsertProcessedAsync(DbConnection connection, DbTransaction transaction, ProcessedNotificationRecord marker) =>
        connection.ExecuteAsync(InsertProcessed, marker, transaction);

    /// <summary>The record's properties as parameters, its stored enums as their stored strings (a parameter added by name replaces the template's).</summary>
    private static DynamicParameters WithStoredNames(OrderRecord order)
    {
        var parameters = new DynamicParameters(order);
        Text(parameters, nameof(OrderRecord.Phase), order.Phase.ToStoredName());
        return parameters;
    }

    private static DynamicParameters WithStoredNames(OrderEventRecord entry)
    {
        var parameters = new DynamicParameters(entry);
        Text(parameters, nameof(OrderEventRecord.Kind), entry.Kind.ToStoredName());
        Text(parameters, nameof(OrderEventRecord.Source), entry.Source.ToStoredName());
        Text(parameters, nameof(OrderEventRecord.FromPhase), entry.FromPhase?.ToStoredName());
        Text(parameters, nameof(OrderEventRecord.ToPhase), entry.ToPhase?.ToStoredName());
        return parameters;
    }

    private static DynamicParameters WithStoredNames(WeChatCallRecord call)
    {
        var parameters = new DynamicParameters(call);
        Text(parameters, nameof(WeChatCallRecord.Operation), call.Operation.ToStoredName());
        Text(parameters, nameof(WeChatCallRecord.Outcome), call.Outcome?.ToStoredName());
        return parameters;
    }

    private static DynamicParameters WithStoredNames(NotificationRecord record)
    {
        var parameters = new DynamicParameters(record);
        Text(parameters, nameof(NotificationRecord.Outcome), record.Outcome.ToStoredName());
        return parameters;
    }

    private static void Text(DynamicParameters parameters, string name, string? value) =>
        parameters.Add(name, value, DbType.String);
}
