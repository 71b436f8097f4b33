using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Admin;

/// <summary>
/// The merchant's operations on orders: list, detail with history, and the WeChat actions (complete, cancel, modify,
/// pay, sync, refresh). Every action is checked locally first (state, totals, field rules — a 4xx, nothing written),
/// then journaled before it is sent and its outcome stored after; the fresh snapshot is applied afterwards.
/// </summary>
public sealed class AdminOrderService
{
    private readonly ServiceOrderService wechat;
    private readonly OrderStore store;
    private readonly OrderService orders;
    private readonly WeChatCallJournal journal;
    private readonly TimeProvider time;
    private readonly ILogger<AdminOrderService> logger;

    public AdminOrderService(ServiceOrderService wechat, OrderStore store, OrderService orders, WeChatCallJournal journal,
        TimeProvider time, ILogger<AdminOrderService> logger)
    {
        this.wechat = wechat;
        this.store = store;
        this.orders = orders;
        this.journal = journal;
        this.time = time;
        this.logger = logger;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<AdminOrderList> ListAsync(string? phase, string? state, string? search, int limit, int offset, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            throw new ApiProblemException(400, "Invalid limit", "limit must be between 1 and 500.").With("field", "limit");
        }

        if (offset < 0)
        {
            throw new ApiProblemException(400, "Invalid offset", "offset must be ≥ 0.").With("field", "offset");
        }

        if (!string.IsNullOrEmpty(phase) && !OrderPhases.IsKnown(phase))
        {
            throw new ApiProblemException(400, "Unknown phase", $"phase must be one of {string.Join(", ", OrderPhases.All)}.").With("field", "phase");
        }

        await using var db = await store.ReadAsync(cancellationToken);
        var query = db.Orders.AsQueryable();
        if (!string.IsNullOrEmpty(phase))
        {
            query = query.Where(o => o.Phase == phase);
        }

        if (!string.IsNullOrEmpty(state))
        {
            query = state == OrderPhases.Creating ? query.Where(o => o.State == null) : query.Where(o => o.State == state);
        }

        if (!string.IsNullOrEmpty(search))
        {
            query = query.Where(o => o.OutOrderNo.Contains(search) || o.OwnerOpenId == search || o.WeChatOrderId == search);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new AdminOrderList(total, items.Select(Summary).ToArray());
    }

    public async Task<AdminOrderDetail> DetailAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await store.ReadAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo, cancellationToken) ?? throw NotFound(outOrderNo);
        var events = await db.OrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.Where(n => n.OrderId == order.Id).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var calls = await db.WeChatCalls.Where(c => c.OrderId == order.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var timeline = events.Select(e => new AdminTimelineEntry(Time(e.At), "event", e.Kind, e.Source, e.FromPhase, e.ToPhase, e.NotificationId, null, null, e.Detail))
            .Concat(notifications.Select(n => new AdminTimelineEntry(Time(n.ReceivedAt), "callback", n.EventType ?? "callback", OrderSources.Callback,
                null, null, n.NotificationId, n.Verification, n.Outcome, n.Error)))
            .Concat(calls.Select(c => new AdminTimelineEntry(Time(c.SentAt), "call", c.Operation, c.Instance, null, null, null, null,
                c.Outcome ?? "pending", CallDetail(c))))
            .OrderBy(t => t.At)
            .ToArray();
        return new AdminOrderDetail(Summary(order), order.SnapshotJson, timeline);
    }

    public async Task<IReadOnlyList<AdminNotificationView>> NotificationsAsync(bool rejectedOnly, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await store.ReadAsync(cancellationToken);
        var query = db.Notifications.AsQueryable();
        if (rejectedOnly)
        {
            query = query.Where(n => n.Verification != "ok");
        }

        var rows = await query.OrderByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(n => new AdminNotificationView(Time(n.ReceivedAt), n.NotificationId, n.EventType, n.Verification, n.Outcome, n.OutOrderNo, n.Error, n.Instance)).ToArray();
    }

    public async Task<IReadOnlyList<AdminCallView>> CallsAsync(string? operation, string? outcome, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await store.ReadAsync(cancellationToken);
        var query = db.WeChatCalls.AsQueryable();
        if (!string.IsNullOrEmpty(operation))
        {
            query = query.Where(c => c.Operation == operation);
        }

        if (!string.IsNullOrEmpty(outcome))
        {
            query = outcome == "pending" ? query.Where(c => c.Outcome == null) : query.Where(c => c.Outcome == outcome);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(limit)
            .Select(c => new { Call = c, OutOrderNo = c.Order == null ? null : c.Order.OutOrderNo })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AdminCallView(Time(r.Call.SentAt), r.Call.Operation, r.Call.Target, r.Call.Outcome ?? "pending", r.Call.HttpStatus,
            r.Call.ErrorCode, r.Call.ErrorMessage, r.Call.RequestId, r.Call.CompletedAt - r.Call.SentAt, r.OutOrderNo, r.Call.Instance)).ToArray();
    }

    public async Task<AdminStats> StatsAsync(int buckets, CancellationToken cancellationToken)
    {
        buckets = Math.Clamp(buckets, 2, 200);
        await using var db = await store.ReadAsync(cancellationToken);
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
        var series = OrderPhases.All.ToDictionary(p => p, _ => new int[buckets], StringComparer.Ordinal);
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

                    phase = change.ToPhase;
                }

                if (phase is not null && series.TryGetValue(phase, out var values))
                {
                    values[b]++;
                }
            }
        }

        return new AdminStats(counts.ToDictionary(c => c.Phase, c => c.Count, StringComparer.Ordinal), times.Select(Time).ToArray(), series);
    }

    public async Task<AdminOrderDetail> CompleteAsync(string outOrderNo, CompleteOrderRequest? request, CancellationToken cancellationToken)
    {
        var body = request ?? throw MissingBody();
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanComplete();
        var payments = Payments(body.Fees);
        var discounts = Discounts(body.Discounts);
        var total = CheckTotal(body.TotalAmount, payments, discounts);
        var options = new ServiceOrderCompleteOptions
        {
            ServiceId = order.ServiceId,
            SubMchId = order.SubMchId,
            PostPayments = payments,
            PostDiscounts = discounts,
            TotalAmount = total,
            TimeRange = new TimeRange { EndTime = ServiceTime.At(body.EndTime ?? time.GetUtcNow()) },
            CurrentOrder = current,
        };
        ServiceOrderValidator.ValidateComplete(options);
        await SendAsync(order, WeChatCallOperations.Complete, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions),
            $"complete: total {total}", () => wechat.CompleteAsync(order.OutOrderNo, options, CancellationToken.None));
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> CancelAsync(string outOrderNo, CancelOrderRequest? request, CancellationToken cancellationToken)
    {
        var body = request ?? throw MissingBody();
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            throw new ApiProblemException(400, "reason is required", "Cancelling needs a reason (at most 50 characters), shown to the user.").With("field", "reason");
        }

        current.Status.EnsureCanCancel();
        var options = new ServiceOrderCancelOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId, Reason = body.Reason, CurrentOrder = current };
        ServiceOrderValidator.ValidateCancel(options);
        await SendAsync(order, WeChatCallOperations.Cancel, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions),
            $"cancel: {body.Reason}", () => wechat.CancelAsync(order.OutOrderNo, options, CancellationToken.None));
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> ModifyAsync(string outOrderNo, ModifyOrderRequest? request, CancellationToken cancellationToken)
    {
        var body = request ?? throw MissingBody();
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanModify();
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            throw new ApiProblemException(400, "reason is required", "Modifying needs a reason (at most 50 characters).").With("field", "reason");
        }

        var payments = Payments(body.Fees);
        var discounts = Discounts(body.Discounts);
        var total = CheckTotal(body.TotalAmount, payments, discounts);
        var options = new ServiceOrderModifyOptions
        {
            ServiceId = order.ServiceId, SubMchId = order.SubMchId, PostPayments = payments, PostDiscounts = discounts,
            TotalAmount = total, Reason = body.Reason, CurrentOrder = current,
        };
        ServiceOrderValidator.ValidateModify(options);
        await SendAsync(order, WeChatCallOperations.Modify, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions),
            $"modify: total {total} ({body.Reason})", () => wechat.ModifyAsync(order.OutOrderNo, options, CancellationToken.None));
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> PayAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanPay();
        var options = new ServiceOrderPayOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId, CurrentOrder = current };
        await SendAsync(order, WeChatCallOperations.Pay, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions),
            "pay: collection requested", () => wechat.PayAsync(order.OutOrderNo, options, CancellationToken.None));
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> SyncAsync(string outOrderNo, SyncOrderRequest? request, CancellationToken cancellationToken)
    {
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanSync();
        var paidTime = request?.PaidTime ?? time.GetUtcNow();
        if (paidTime > time.GetUtcNow().AddMinutes(1))
        {
            throw new ApiProblemException(400, "paidTime is in the future", "paidTime must not be later than now.").With("field", "paidTime");
        }

        var options = new ServiceOrderSyncOptions
        {
            ServiceId = order.ServiceId, SubMchId = order.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.At(paidTime) }, CurrentOrder = current,
        };
        ServiceOrderValidator.ValidateSync(options);
        await SendAsync(order, WeChatCallOperations.Sync, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions),
            "sync: Order_Paid", () => wechat.SyncAsync(order.OutOrderNo, options, CancellationToken.None));
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    /// <summary>Queries WeChat now and applies the answer.</summary>
    public async Task<AdminOrderDetail> RefreshAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, _) = await LoadAsync(outOrderNo, cancellationToken, requireSnapshot: false);
        var snapshot = await QueryAsync(order, cancellationToken);
        await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSources.Admin);
        return await DetailAsync(outOrderNo, cancellationToken);
    }

    private async Task SendAsync(OrderRecord order, string operation, byte[] body, string description, Func<Task<ServiceOrder?>> send)
    {
        var callId = await store.WriteAsync(async (db, ct) =>
        {
            var call = journal.Begin(order.Id, operation, WeChatCallOperations.TargetOf(operation, order.OutOrderNo), body, Now);
            db.WeChatCalls.Add(call);
            await db.SaveChangesAsync(ct);
            return call.Id;
        }, CancellationToken.None);

        ServiceOrder? answer;
        try
        {
            answer = await send();
        }
        catch (WeChatPayException ex)
        {
            await store.WriteAsync(async (db, ct) =>
            {
                var now = Now;
                if (await db.WeChatCalls.FindAsync([callId], ct) is { } call)
                {
                    WeChatCallJournal.Failed(call, ex, now);
                }

                db.OrderEvents.Add(new OrderEventRecord
                {
                    OrderId = order.Id, At = now, Kind = OrderEventKinds.CallFailed, Source = OrderSources.Admin,
                    Detail = $"{operation} failed: {Truncate(ex.Message)}",
                });
                if (await db.Orders.FindAsync([order.Id], ct) is { } stored && stored.NextReconcileAt is not null)
                {
                    stored.NextReconcileAt = now;
                }
            }, CancellationToken.None);
            throw;
        }

        await store.WriteAsync(async (db, ct) =>
        {
            var now = Now;
            if (await db.WeChatCalls.FindAsync([callId], ct) is { } call)
            {
                WeChatCallJournal.Succeeded(call, answer is null ? 204 : 200, now);
            }

            db.OrderEvents.Add(new OrderEventRecord { OrderId = order.Id, At = now, Kind = OrderEventKinds.AdminAction, Source = OrderSources.Admin, Detail = description });
        }, CancellationToken.None);

        try
        {
            var snapshot = answer ?? await QueryAsync(order, CancellationToken.None);
            await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSources.Admin);
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("After {Operation} of {OutOrderNo} the order could not be queried ({Error}); the reconciler will", operation, order.OutOrderNo, ex.Message);
            await store.WriteOrderAsync(order.SubMchId, order.OutOrderNo, (db, stored, ct) =>
            {
                if (stored is not null)
                {
                    stored.NextReconcileAt = Now;
                }

                return Task.FromResult(true);
            }, CancellationToken.None);
        }
    }

    private Task<ServiceOrder> QueryAsync(OrderRecord order, CancellationToken cancellationToken) =>
        journal.RecordAsync(order.Id, WeChatCallOperations.Query, WeChatCallOperations.TargetOf(WeChatCallOperations.Query, order.OutOrderNo),
            () => wechat.GetAsync(order.OutOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId }, cancellationToken),
            cancellationToken);

    private async Task<(OrderRecord Order, ServiceOrder Snapshot)> LoadAsync(string outOrderNo, CancellationToken cancellationToken, bool requireSnapshot = true)
    {
        await using var db = await store.ReadAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo, cancellationToken) ?? throw NotFound(outOrderNo);
        ServiceOrder? snapshot = null;
        if (order.SnapshotJson is { Length: > 0 } json)
        {
            snapshot = JsonSerializer.Deserialize(json, WxPayScoreJsonContext.Wire.ServiceOrder);
        }

        if (snapshot is null && requireSnapshot)
        {
            throw new ApiProblemException(409, "Wrong order state", $"Order {outOrderNo} is {order.Phase}: WeChat Pay has not confirmed its creation yet.", ProblemTypes.WrongState);
        }

        return (order, snapshot ?? new ServiceOrder { OutOrderNo = order.OutOrderNo });
    }

    private static PostPayment[] Payments(IReadOnlyList<FeeLineRequest>? fees)
    {
        if (fees is null || fees.Count == 0)
        {
            throw new ApiProblemException(400, "fees are required", "At least one fee line is required: [{ \"name\", \"amount\", \"description\" }].").With("field", "fees");
        }

        for (var i = 0; i < fees.Count; i++)
        {
            if (fees[i] is null || string.IsNullOrWhiteSpace(fees[i].Name))
            {
                throw new ApiProblemException(400, "Fee line without a name", $"fees[{i}].name is required.").With("field", $"fees[{i}].name");
            }

            if (fees[i].Amount is null or < 0)
            {
                throw new ApiProblemException(400, "Fee line without an amount", $"fees[{i}].amount is required at completion (fen, ≥ 0).").With("field", $"fees[{i}].amount");
            }
        }

        return fees.Select(f => new PostPayment { Name = f.Name, Amount = f.Amount, Description = f.Description, Count = f.Count }).ToArray();
    }

    private static PostDiscount[]? Discounts(IReadOnlyList<DiscountLineRequest>? discounts)
    {
        if (discounts is null || discounts.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < discounts.Count; i++)
        {
            if (discounts[i] is null || discounts[i].Amount is null or < 0)
            {
                throw new ApiProblemException(400, "Discount line without an amount", $"discounts[{i}].amount is required (fen, ≥ 0).").With("field", $"discounts[{i}].amount");
            }
        }

        return discounts.Select(d => new PostDiscount { Name = d.Name, Description = d.Description, Amount = d.Amount, Count = d.Count }).ToArray();
    }

    private static long CheckTotal(long? totalAmount, PostPayment[] payments, PostDiscount[]? discounts)
    {
        var expected = payments.Sum(p => p.Amount ?? 0) - (discounts?.Sum(d => d.Amount ?? 0) ?? 0);
        if (totalAmount is null)
        {
            throw new ApiProblemException(400, "totalAmount is required", $"totalAmount is required; fees − discounts = {expected}.").With("field", "totalAmount");
        }

        if (totalAmount != expected)
        {
            throw new ApiProblemException(400, "Total mismatch",
                $"totalAmount {totalAmount} does not equal Σ fees − Σ discounts = {expected}.", ProblemTypes.TotalMismatch)
                .With("field", "totalAmount").With("expected", expected);
        }

        if (expected < 0)
        {
            throw new ApiProblemException(400, "Negative total", $"Σ fees − Σ discounts = {expected} is negative.", ProblemTypes.TotalMismatch).With("field", "totalAmount");
        }

        return expected;
    }

    private static AdminOrderSummary Summary(OrderRecord o) => new(
        o.OutOrderNo, o.SubMchId, o.PlanId, o.Phase, o.State, o.StateDescription, o.CollectionState, o.RiskFundAmount, o.TotalAmount,
        o.PaidAmount, o.OwnerOpenId, o.ConfirmedOpenId ?? o.ConfirmedSubOpenId, o.WeChatOrderId, Time(o.CreatedAt), Time(o.UpdatedAt),
        o.NextReconcileAt is { } next ? Time(next) : null);

    private static string CallDetail(WeChatCallRecord c) =>
        string.Join(' ', new[]
        {
            c.Target, c.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.ErrorCode, c.ErrorMessage,
            c.CompletedAt is { } done ? $"({done - c.SentAt} ms)" : "(no outcome stored)",
        }.Where(s => !string.IsNullOrEmpty(s)));

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static ApiProblemException NotFound(string outOrderNo) =>
        new(404, "Order not found", $"There is no order '{Truncate(outOrderNo)}'.", ProblemTypes.NotFound);

    private static ApiProblemException MissingBody() =>
        new(400, "Body required", "The request needs a JSON body.", ProblemTypes.Validation);

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
