using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The two write transactions of an order create — the server's hot path — as hand-written statements instead of EF
/// Core change tracking (which cost about a third of the server's CPU per create): (1) the order, its first history
/// entry and the journal row of the create request, inserted before anything is sent; (2) after WeChat's answer, the
/// order's new state, its history entry and the journal row's outcome.
/// <para>
/// The statements are generated from the EF Core model (table and column names, property getters), so they write every
/// mapped column, a column added to the model included. Transaction (2) applies the answer to the in-memory order of
/// transaction (1) and stores it only if the stored row is still exactly that order (all columns but the reconciler's
/// lease compared, under the order's lock and, on PostgreSQL, <c>FOR UPDATE</c>); otherwise it changes nothing and
/// returns false, and the caller takes the general path (load, apply, save with EF Core).
/// </para>
/// </summary>
public sealed class OrderCreateWriter
{
    private readonly OrderStore store;
    private readonly IDbContextFactory<PayScoreDbContext> factory;
    private Statements? statements;

    public OrderCreateWriter(OrderStore store, IDbContextFactory<PayScoreDbContext> factory)
    {
        this.store = store;
        this.factory = factory;
    }

    /// <summary>Transaction (1): inserts the three rows in one transaction and sets their ids (and the foreign keys to the order).</summary>
    public async Task InsertAsync(OrderRecord order, OrderEventRecord created, WeChatCallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(call);
        var sql = GetStatements();
        var orderValues = TableMap.Values(order, sql.Orders.Insert);
        await store.WriteRawAsync(async (tx, ct) =>
        {
            var orderId = await tx.InsertAsync(sql.InsertOrder, orderValues, ct);
            created.OrderId = orderId;
            call.OrderId = orderId;
            var eventId = await tx.InsertAsync(sql.InsertEvent, TableMap.Values(created, sql.Events.Insert), ct);
            var callId = await tx.InsertAsync(sql.InsertCall, TableMap.Values(call, sql.Calls.Insert), ct);
            order.Id = orderId;
            created.Id = eventId;
            call.Id = callId;
            return true;
        }, cancellationToken);
    }

    /// <summary>The order's stored state as <see cref="TryUpdateAsync"/> compares it: take it right after <see cref="InsertAsync"/>.</summary>
    public OrderBaseline Capture(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var sql = GetStatements();
        return new OrderBaseline(order.Id, TableMap.Values(order, sql.Orders.Compared));
    }

    /// <summary>
    /// Transaction (2): stores <paramref name="order"/> (changed in memory since <paramref name="baseline"/>), adds
    /// <paramref name="change"/> to its history and stores <paramref name="call"/>'s outcome — if the stored order is
    /// still <paramref name="baseline"/>. False (nothing written) when it is not.
    /// </summary>
    public async Task<bool> TryUpdateAsync(OrderRecord order, OrderBaseline baseline, OrderEventRecord? change, WeChatCallRecord call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(call);
        if (order.Id != baseline.OrderId)
        {
            throw new ArgumentException("The baseline is another order's.", nameof(baseline));
        }

        var sql = GetStatements();
        var updateValues = TableMap.Values(order, sql.Orders.Compared, extra: order.Id);
        var eventValues = change is null ? null : TableMap.Values(change, sql.Events.Insert);
        var callValues = TableMap.Values(call, sql.CallOutcome, extra: call.Id);
        return await store.LockedAsync(order.SubMchId, order.OutOrderNo, () => store.WriteRawAsync(async (tx, ct) =>
        {
            var stored = await tx.ReadRowAsync(store.IsPostgres ? sql.SelectOrderForUpdate : sql.SelectOrder, [order.Id], ct);
            if (stored is null || !SameValues(stored, baseline.Values))
            {
                return false;
            }

            await tx.ExecuteAsync(sql.UpdateOrder, updateValues, ct);
            if (eventValues is not null)
            {
                change!.Id = await tx.InsertAsync(sql.InsertEvent, eventValues, ct);
            }

            if (await tx.ExecuteAsync(sql.UpdateCallOutcome, callValues, ct) != 1)
            {
                throw new InvalidOperationException($"The journal row {call.Id} of order {order.OutOrderNo} is missing.");
            }

            return true;
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Whether two rows hold the same values, whatever CLR types the provider reads them as (SQLite reads every integer as long).</summary>
    internal static bool SameValues(IReadOnlyList<object?> stored, IReadOnlyList<object?> expected)
    {
        if (stored.Count != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < stored.Count; i++)
        {
            var same = (stored[i], expected[i]) switch
            {
                (null, null) => true,
                (null, _) or (_, null) => false,
                (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
                (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
                (var a, var b) when IsInteger(a) && IsInteger(b) => Convert.ToInt64(a, CultureInfo.InvariantCulture) == Convert.ToInt64(b, CultureInfo.InvariantCulture),
                var (a, b) => Equals(a, b),
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInteger(object value) => value is long or int or short or byte or bool;

    private Statements GetStatements()
    {
        if (statements is not null)
        {
            return statements;
        }

        using var db = factory.CreateDbContext();
        return statements = new Statements(db.Model);
    }

    /// <summary>The generated statements (the EF Core model is fixed for the process).</summary>
    private sealed class Statements
    {
        public Statements(IModel model)
        {
            Orders = new TableMap(model.FindEntityType(typeof(OrderRecord))!);
            Events = new TableMap(model.FindEntityType(typeof(OrderEventRecord))!);
            Calls = new TableMap(model.FindEntityType(typeof(WeChatCallRecord))!);

            // The reconciler's lease is the one thing another writer may change on an order without changing the order
            // itself (the reconciler only claims it); it is neither compared nor written here.
            Orders.Compared = Orders.Insert.Where(c => c.Property.Name is not (nameof(OrderRecord.LeaseOwner) or nameof(OrderRecord.LeaseUntil))).ToArray();
            CallOutcome = Calls.Insert.Where(c => c.Property.Name is nameof(WeChatCallRecord.Outcome) or nameof(WeChatCallRecord.HttpStatus) or
                nameof(WeChatCallRecord.CompletedAt) or nameof(WeChatCallRecord.ErrorCode) or nameof(WeChatCallRecord.ErrorMessage) or
                nameof(WeChatCallRecord.RequestId)).ToArray();

            InsertOrder = Orders.InsertSql();
            InsertEvent = Events.InsertSql();
            InsertCall = Calls.InsertSql();
            SelectOrder = $"SELECT {string.Join(", ", Orders.Compared.Select(c => c.Name))} FROM {Orders.Table} WHERE {Orders.Key} = @p0";
            SelectOrderForUpdate = SelectOrder + " FOR UPDATE";
            UpdateOrder = Orders.UpdateSql(Orders.Compared);
            UpdateCallOutcome = Calls.UpdateSql(CallOutcome);
        }

        public TableMap Orders { get; }

        public TableMap Events { get; }

        public TableMap Calls { get; }

        public Column[] CallOutcome { get; }

        public string InsertOrder { get; }

        public string InsertEvent { get; }

        public string InsertCall { get; }

        public string SelectOrder { get; }

        public string SelectOrderForUpdate { get; }

        public string UpdateOrder { get; }

        public string UpdateCallOutcome { get; }
    }

    private sealed record Column(IProperty Property, string Name, Func<object, object?> Get);

    /// <summary>One entity's table: name, key column (generated by the database) and the other columns with their getters.</summary>
    private sealed class TableMap
    {
        public TableMap(IEntityType entity)
        {
            var mapping = entity.GetTableMappings().SingleOrDefault()
                ?? throw new InvalidOperationException($"{entity.DisplayName()} is not mapped to one table.");
            Table = Quote(mapping.Table.Name);
            var key = entity.FindPrimaryKey()?.Properties is [var keyProperty] ? keyProperty : throw new InvalidOperationException($"{Table} needs a single-column key.");
            Key = Quote(mapping.ColumnMappings.Single(m => m.Property == key).Column.Name);
            Insert = mapping.ColumnMappings
                .Where(m => m.Property != key)
                .Select(m =>
                {
                    if (m.Property.GetTypeMapping().Converter is not null)
                    {
                        throw new InvalidOperationException($"{Table}.{m.Property.Name} has a value converter; the create path writes CLR values as they are.");
                    }

                    return new Column(m.Property, Quote(m.Column.Name), m.Property.GetGetter().GetClrValueUsingContainingEntity);
                })
                .ToArray();
            Compared = Insert;
        }

        /// <summary>Quoted as both SQLite and PostgreSQL read it (the model's names are lower-case snake_case).</summary>
        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        public string Table { get; }

        public string Key { get; }

        /// <summary>Every column but the key.</summary>
        public Column[] Insert { get; }

        public Column[] Compared { get; set; }

        public string InsertSql() =>
            $"INSERT INTO {Table} ({string.Join(", ", Insert.Select(c => c.Name))}) VALUES ({string.Join(", ", Insert.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))}) RETURNING {Key}";

        /// <summary><c>UPDATE … SET</c> the columns (<c>@p0…</c>) <c>WHERE</c> key = the last parameter.</summary>
        public string UpdateSql(Column[] columns) =>
            $"UPDATE {Table} SET {string.Join(", ", columns.Select((c, i) => $"{c.Name} = @p{i.ToString(CultureInfo.InvariantCulture)}"))} WHERE {Key} = @p{columns.Length.ToString(CultureInfo.InvariantCulture)}";

        public static object?[] Values(object entity, Column[] columns, long? extra = null)
        {
            var values = new object?[columns.Length + (extra is null ? 0 : 1)];
            for (var i = 0; i < columns.Length; i++)
            {
                values[i] = columns[i].Get(entity);
            }

            if (extra is { } last)
            {
                values[^1] = last;
            }

            return values;
        }
    }
}

/// <summary>An order's column values as inserted (see <see cref="OrderCreateWriter.Capture"/>).</summary>
public sealed class OrderBaseline
{
    internal OrderBaseline(long orderId, object?[] values)
    {
        OrderId = orderId;
        Values = values;
    }

    public long OrderId { get; }

    internal IReadOnlyList<object?> Values { get; }
}
