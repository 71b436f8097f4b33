using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using WxPayScore.Sandbox.Json;
using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Persistence;

/// <summary>
/// One SQLite file (<c>sandbox.db</c> in the data folder). Each entity is a JSON document keyed by its identity;
/// every change is written through at once, so a restart (or a crash) loses nothing that was answered.
/// </summary>
internal sealed class SqliteSandboxStore : ISandboxStore
{
    public const string FileName = "sandbox.db";

    private readonly object gate = new();
    private readonly SqliteConnection connection;

    public SqliteSandboxStore(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataPath, FileName));
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS orders (key TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS notifications (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS login_codes (code TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS refunds (key TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS refund_funds (sub_mchid TEXT PRIMARY KEY, json TEXT NOT NULL);
            """);
    }

    public string Path { get; }

    public SandboxState Load()
    {
        lock (gate)
        {
            var orders = ReadAll("SELECT json FROM orders", SandboxJsonContext.Web.OrderRecord);
            var notifications = ReadAll("SELECT json FROM notifications ORDER BY seq", SandboxJsonContext.Web.NotificationRecord);
            var codes = ReadAll("SELECT json FROM login_codes", SandboxJsonContext.Web.LoginCodeRecord);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'clock_offset_ticks'";
            var offset = command.ExecuteScalar() is string text ? TimeSpan.FromTicks(long.Parse(text, CultureInfo.InvariantCulture)) : TimeSpan.Zero;
            var refunds = ReadAll("SELECT json FROM refunds", SandboxJsonContext.Web.RefundRecord);
            var funds = ReadAll("SELECT json FROM refund_funds", SandboxJsonContext.Web.SubMerchantFunds);
            return new SandboxState(orders, notifications, codes, offset, refunds, funds);
        }
    }

    public void SaveOrder(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Upsert("INSERT INTO orders (key, json) VALUES ($k, $j) ON CONFLICT(key) DO UPDATE SET json = excluded.json",
            order.Key.ToString(), JsonSerializer.Serialize(order, SandboxJsonContext.Web.OrderRecord));
    }

    public void SaveNotification(NotificationRecord notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Upsert("INSERT INTO notifications (id, seq, json) VALUES ($k, $s, $j) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
            notification.Id, JsonSerializer.Serialize(notification, SandboxJsonContext.Web.NotificationRecord), notification.Sequence);
    }

    public void SaveLoginCode(LoginCodeRecord code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Upsert("INSERT INTO login_codes (code, json) VALUES ($k, $j) ON CONFLICT(code) DO UPDATE SET json = excluded.json",
            code.Code, JsonSerializer.Serialize(code, SandboxJsonContext.Web.LoginCodeRecord));
    }

    public void DeleteLoginCode(string code)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM login_codes WHERE code = $k";
            command.Parameters.AddWithValue("$k", code);
            command.ExecuteNonQuery();
        }
    }

    public void SaveClockOffset(TimeSpan offset) =>
        Upsert("INSERT INTO meta (key, value) VALUES ($k, $j) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            "clock_offset_ticks", offset.Ticks.ToString(CultureInfo.InvariantCulture));

    public void SaveRefund(Refunds.RefundRecord refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        Upsert("INSERT INTO refunds (key, json) VALUES ($k, $j) ON CONFLICT(key) DO UPDATE SET json = excluded.json",
            refund.Key.ToString(), JsonSerializer.Serialize(refund, SandboxJsonContext.Web.RefundRecord));
    }

    public void SaveRefundFunds(Refunds.SubMerchantFunds funds)
    {
        ArgumentNullException.ThrowIfNull(funds);
        Upsert("INSERT INTO refund_funds (sub_mchid, json) VALUES ($k, $j) ON CONFLICT(sub_mchid) DO UPDATE SET json = excluded.json",
            funds.SubMchId, JsonSerializer.Serialize(funds, SandboxJsonContext.Web.SubMerchantFunds));
    }

    public void Dispose()
    {
        lock (gate)
        {
            connection.Dispose();
        }
    }

    private void Upsert(string sql, string key, string json, long sequence = 0)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$j", json);
            command.Parameters.AddWithValue("$s", sequence);
            command.ExecuteNonQuery();
        }
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<T> ReadAll<T>(string sql, JsonTypeInfo<T> type)
    {
        var list = new List<T>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize(reader.GetString(0), type) is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }
}
