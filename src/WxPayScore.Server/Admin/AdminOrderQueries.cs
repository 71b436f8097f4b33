using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Admin;

/// <summary>The merchant's views of orders: list, detail with history, callback deliveries, the call journal, statistics.</summary>
public sealed class AdminOrderQueries
{
    private readonly OrderReads reads;
    private readonly TimeProvider time;

    public AdminOrderQueries(OrderReads reads, TimeProvider time)
    {
        this.reads = reads;
        this.time = time;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<OrderResult<AdminOrderList>> ListAsync(string? phase, string? state, string? search, int limit, int offset, CancellationToken cancellationToken,
        string? subMchId = null, string? deviceId = null)
    {
        if (limit is < 1 or > 500)
        {
            return new OrderError(OrderErrorKind.Invalid, "Invalid limit", "limit must be between 1 and 500.") { Field = "limit" };
        }

        if (offset < 0)
        {
            return new OrderError(OrderErrorKind.Invalid, "Invalid offset", "offset must be ≥ 0.") { Field = "offset" };
        }

        OrderPhase wanted = default;
        if (!string.IsNullOrEmpty(phase) && !StoredNames.TryParse(phase, out wanted))
        {
            return new OrderError(OrderErrorKind.Invalid, "Unknown phase", $"phase must be one of {string.Join(", ", OrderPhase.All.Select(p => p.ToStoredName()))}.") { Field = "phase" };
        }

        await using var db = await reads.OpenAsync(cancellationToken);
        var query = db.Orders.AsQueryable();
        if (!string.IsNullOrEmpty(phase))
        {
            query = query.Where(o => o.Phase == wanted);
        }

        if (!string.IsNullOrEmpty(state))
        {
            query = state == OrderPhase.Creating.ToStoredName() ? query.Where(o => o.State == null) : query.Where(o => o.State == state);
        }

        if (subMchId is not null)
        {
            query = query.Where(o => o.SubMchId == subMchId);
        }

        if (!string.IsNullOrEmpty(deviceId))
        {
            query = query.Where(o => o.DeviceId == deviceId || o.EndDeviceId == deviceId);
        }

        if (!string.IsNullOrEmpty(search))
        {
            query = query.Where(o => o.OutOrderNo.Contains(search) || o.OwnerOpenId == search || o.WeChatOrderId == search);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new AdminOrderList(total, items.Select(Summary).ToArray());
    }

    public async Task<OrderResult<AdminOrderDetail>> DetailAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await reads.OpenAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo, cancellationToken);
        if (order is null)
        {
            return NotFound(outOrderNo);
        }

        var events = await db.OrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.Where(n => n.OrderId == order.Id).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var calls = await db.WeChatCalls.Where(c => c.OrderId == order.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var timeline = events.Select(e => new AdminTimelineEntry(Time(e.At), "event", e.Kind.ToStoredName(), e.Source.ToStoredName(), e.FromPhase?.ToStoredName(), e.ToPhase?.ToStoredName(), e.NotificationId, null, null, e.Detail))
            .Concat(notifications.Select(n => new AdminTimelineEntry(Time(n.ReceivedAt), "callback", n.EventType ?? "callback", OrderSource.Callback.ToStoredName(),
                null, null, n.NotificationId, n.Verification, n.Outcome.ToStoredName(), n.Error)))
            .Concat(calls.Select(c => new AdminTimelineEntry(Time(c.SentAt), "call", c.Operation.ToStoredName(), c.Instance, null, null, null, null,
                c.Outcome?.ToStoredName() ?? "pending", CallDetail(c))))
            .OrderBy(t => t.At)
            .ToArray();
        return new AdminOrderDetail(Summary(order), order.SnapshotJson, timeline);
    }

    public async Task<IReadOnlyList<AdminNotificationView>> NotificationsAsync(bool rejectedOnly, int limit, int offset, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 500);
        offset = Math.Max(0, offset);
        await using var db = await reads.OpenAsync(cancellationToken);
        var query = db.Notifications.AsQueryable();
        if (rejectedOnly)
        {
            query = query.Where(n => n.Verification != "ok");
        }

        var rows = await query.OrderByDescending(n => n.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(n => new AdminNotificationView(Time(n.ReceivedAt), n.NotificationId, n.EventType, n.Verification, n.Outcome, n.OutOrderNo, n.Error, n.Instance)).ToArray();
    }

    public async Task<IReadOnlyList<AdminCallView>> CallsAsync(string? operation, string? outcome, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await reads.OpenAsync(cancellationToken);
        var query = db.WeChatCalls.AsQueryable();
        if (!string.IsNullOrEmpty(operation))
        {
            // A name no call is stored under matches nothing.
            if (!StoredNames.TryParse(operation, out WeChatCallOperation named))
            {
                return [];
            }

            query = query.Where(c => c.Operation == named);
        }

        if (!string.IsNullOrEmpty(outcome))
        {
            if (outcome == "pending")
            {
                query = query.Where(c => c.Outcome == null);
            }
            else if (StoredNames.TryParse(outcome, out WeChatCallOutcome ended))
            {
                query = query.Where(c => c.Outcome == ended);
            }
            else
            {
                return [];
            }
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(limit)
            .Select(c => new { Call = c, OutOrderNo = c.Order == null ? null : c.Order.OutOrderNo })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AdminCallView(Time(r.Call.SentAt), r.Call.Operation, r.Call.Target, r.Call.Outcome?.ToStoredName() ?? "pending", r.Call.HttpStatus,
            r.Call.ErrorCode, r.Call.ErrorMessage, r.Call.RequestId, r.Call.CompletedAt - r.Call.SentAt, r.OutOrderNo, r.Call.Instance)).ToArray();
    }

    public async Task<AdminStats> StatsAsync(int buckets, CancellationToken cancellationToken)
    {
        buckets = Math.Clamp(buckets, 2, 200);
        await using var db = await reads.OpenAsync(cancellationToken);
        var counts = await db.Orders.GroupBy(o => o.Phase).Select(g => new { Phase = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var now = Now;
        var from = now - (long)TimeSpan.FromHours(24).TotalMilliseconds;
        var first = await db.Orders.Where(o => o.UpdatedAt >= from || o.CreatedAt >= from).MinAsync(o => (long?)o.CreatedAt, cancellationToken);
        var start = Math.Max(from, first ?? now - 60_000);
        if (now - start < 60_000)
        {
            start = now - 60_000;
        }

        // Replay phase changes of the recent orders: each bucket counts the orders per phase at the bucket's end.
        var changes = await db.OrderEvents
            .Where(e => e.ToPhase != null && e.At <= now)
            .Join(db.Orders.Where(o => o.UpdatedAt >= start || o.CreatedAt >= start), e => e.OrderId, o => o.Id, (e, o) => new { e.OrderId, e.At, e.ToPhase, e.Id })
            .OrderBy(e => e.OrderId).ThenBy(e => e.At).ThenBy(e => e.Id)
            .Take(50_000)
            .ToListAsync(cancellationToken);
        var step = (now - start) / (double)(buckets - 1);
        var times = Enumerable.Range(0, buckets).Select(i => start + (long)(i * step)).ToArray();
        var series = OrderPhase.All.ToDictionary(p => p.ToStoredName(), _ => new int[buckets], StringComparer.Ordinal);
        foreach (var order in changes.GroupBy(c => c.OrderId))
        {
            var history = order.ToArray();
            for (var b = 0; b < buckets; b++)
            {
                string? phase = null;
                foreach (var change in history)
                {
                    if (change.At > times[b])
                    {
                        break;
                    }

                    phase = change.ToPhase?.ToStoredName();
                }

                if (phase is not null && series.TryGetValue(phase, out var values))
                {
                    values[b]++;
                }
            }
        }

        return new AdminStats(counts.ToDictionary(c => c.Phase.ToStoredName(), c => c.Count, StringComparer.Ordinal), times.Select(Time).ToArray(), series);
    }

    /// <summary>The order's row as the actions start from it (null when there is none).</summary>
    internal async Task<OrderRecord?> FindAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await reads.OpenAsync(cancellationToken);
        return await db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo, cancellationToken);
    }

    private static AdminOrderSummary Summary(OrderRecord o) => new(
        o.OutOrderNo, o.SubMchId, o.PlanId, o.Phase, o.State, o.StateDescription, o.CollectionState, o.RiskFundAmount, o.TotalAmount,
        o.PaidAmount, o.OwnerOpenId, o.ConfirmedOpenId ?? o.ConfirmedSubOpenId, o.WeChatOrderId, Time(o.CreatedAt), Time(o.UpdatedAt),
        o.NextReconcileAt is { } next ? Time(next) : null)
    {
        SubMerchant = o.SubMerchantKey, AppId = o.AppId, SubAppId = o.SubAppId, DeviceId = o.DeviceId, StartLocation = o.StartLocation, EndDeviceId = o.EndDeviceId,
    };

    private static string CallDetail(WeChatCallRecord c) =>
        string.Join(' ', new[]
        {
            c.Target, c.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.ErrorCode, c.ErrorMessage,
            c.CompletedAt is { } done ? $"({done - c.SentAt} ms)" : "(no outcome stored)",
        }.Where(s => !string.IsNullOrEmpty(s)));

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static OrderError NotFound(string outOrderNo) =>
        new(OrderErrorKind.NotFound, "Order not found", $"There is no order '{Truncate(outOrderNo)}'.");

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
