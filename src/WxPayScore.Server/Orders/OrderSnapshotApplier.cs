using System.Text.Json;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>
/// Applies a WeChat order snapshot (create answer, query answer, callback payload) to a stored order,
/// monotonically (spec §7.1): an order never moves backwards, a repeated snapshot changes nothing, and a snapshot
/// in the same phase only counts when it carries more collection (a later USER_PAID with more details).
/// Also schedules the reconciler's next look at the order.
/// </summary>
public sealed class OrderSnapshotApplier
{
    private readonly OrderScheduleOptions reconciler;

    public OrderSnapshotApplier(IOptions<OrderScheduleOptions> reconciler)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        this.reconciler = reconciler.Value;
    }

    /// <summary>
    /// Applies <paramref name="snapshot"/>; returns the history entry to add, or null when nothing changed.
    /// Besides moving forward, a snapshot in the same phase counts when it carries more collection, or — only when it is
    /// WeChat's fresh answer to a query (not a callback) — another amount (after a modify).
    /// </summary>
    public OrderEventRecord? Apply(OrderRecord order, ServiceOrder snapshot, string? snapshotJson, OrderSource source, string? notificationId, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(snapshot);
        var status = snapshot.Status;
        var phase = OrderPhase.From(status.Phase);
        if (status.Rank == 0)
        {
            return null;
        }

        var details = snapshot.Collection?.Details?.Count ?? 0;
        var paid = snapshot.Collection?.PaidAmount ?? 0;
        var fromLocal = order.Phase is OrderPhase.Creating or OrderPhase.CreateFailed;
        var forward = fromLocal || status.Rank > order.Rank;
        var samePhase = !forward && status.Rank == order.Rank && phase == order.Phase;
        var moreCollection = samePhase && (details > order.CollectionDetailsCount || paid > order.PaidAmount);

        // A fresh answer of WeChat (query, not a callback that may be late) in the same phase, with no less collection,
        // but another amount: the merchant modified the order.
        var total = snapshot.TotalAmount ?? snapshot.Collection?.TotalAmount;
        var amountChanged = samePhase && !moreCollection && source != OrderSource.Callback &&
            details >= order.CollectionDetailsCount && paid >= order.PaidAmount && total is not null && total != order.TotalAmount;
        if (!forward && !moreCollection && !amountChanged)
        {
            return null;
        }

        var from = order.Phase;
        order.Phase = phase;
        order.Rank = status.Rank;
        order.State = snapshot.State;
        order.StateDescription = snapshot.StateDescription;
        order.CollectionState = snapshot.Collection?.State;
        order.WeChatOrderId = snapshot.OrderId ?? order.WeChatOrderId;
        order.ConfirmedOpenId = snapshot.OpenId ?? order.ConfirmedOpenId;
        order.ConfirmedSubOpenId = snapshot.SubOpenId ?? order.ConfirmedSubOpenId;
        order.RiskFundAmount = snapshot.RiskFund?.Amount ?? order.RiskFundAmount;
        order.TotalAmount = total ?? order.TotalAmount;
        order.PaidAmount = Math.Max(paid, order.PaidAmount);
        order.CollectionDetailsCount = Math.Max(details, order.CollectionDetailsCount);
        order.SnapshotJson = snapshotJson ?? JsonSerializer.Serialize(snapshot with { Package = null }, SnapshotJsonContext.Snapshots.ServiceOrder);
        order.UpdatedAt = now;
        order.ReconcileAttempts = 0;
        Schedule(order, now);
        return new OrderEventRecord
        {
            OrderId = order.Id,
            At = now,
            Kind = forward ? OrderEventKind.StateChanged : moreCollection ? OrderEventKind.CollectionUpdated : OrderEventKind.AmountChanged,
            Source = source,
            FromPhase = from,
            ToPhase = phase,
            NotificationId = notificationId,
            Detail = Describe(snapshot),
        };
    }

    /// <summary>Whether <see cref="Apply"/> would change the order (a cheap check before taking the lock).</summary>
    public bool IsNewer(OrderRecord order, ServiceOrder snapshot)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(snapshot);
        var status = snapshot.Status;
        if (status.Rank == 0)
        {
            return false;
        }

        if (order.Phase is OrderPhase.Creating or OrderPhase.CreateFailed || status.Rank > order.Rank)
        {
            return true;
        }

        var details = snapshot.Collection?.Details?.Count ?? 0;
        var paid = snapshot.Collection?.PaidAmount ?? 0;
        var total = snapshot.TotalAmount ?? snapshot.Collection?.TotalAmount;
        return status.Rank == order.Rank && OrderPhase.From(status.Phase) == order.Phase &&
            (details > order.CollectionDetailsCount || paid > order.PaidAmount ||
             (details >= order.CollectionDetailsCount && paid >= order.PaidAmount && total is not null && total != order.TotalAmount));
    }

    /// <summary>Sets when the reconciler looks next: soon for a pending create, later (with back-off) for active orders, never for terminal ones.</summary>
    public void Schedule(OrderRecord order, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.NextReconcileAt = order.Phase switch
        {
            OrderPhase.Creating => now + Ms(reconciler.PendingCreateGrace),
            OrderPhase.Created => Math.Max(order.CreatedAt + Ms(reconciler.CreatedAge), now + Backoff(order.ReconcileAttempts, reconciler.CreatedAge)),
            OrderPhase.UserConfirmed or OrderPhase.AwaitingPayment or OrderPhase.Unknown => now + Backoff(order.ReconcileAttempts, reconciler.ActiveInterval),
            _ => null,
        };
    }

    private long Backoff(int attempts, TimeSpan first)
    {
        var factor = Math.Pow(2, Math.Min(attempts, 16));
        var delay = TimeSpan.FromMilliseconds(Math.Min(first.TotalMilliseconds * factor, reconciler.MaxBackoff.TotalMilliseconds));
        return Ms(delay);
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static string Describe(ServiceOrder snapshot)
    {
        var parts = new List<string> { snapshot.Status.ToString() };
        if (snapshot.TotalAmount is { } total)
        {
            parts.Add($"total {total}");
        }

        if (snapshot.Collection is { } collection)
        {
            parts.Add($"paid {collection.PaidAmount ?? 0}/{collection.TotalAmount ?? 0} in {collection.Details?.Count ?? 0} detail(s)");
        }

        return string.Join(", ", parts);
    }
}
