using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxPayScore.Errors;
using WxPayScore.Launch;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Sessions;
using WxPayScore.Server.Orders.SubMerchants;

namespace WxPayScore.Server.Orders;

/// <summary>
/// The mini program's side of orders: create (stored and journaled before it is sent, the stored bytes resent on a
/// retry) and the caller's own order status, freshly queried from WeChat Pay and applied monotonically.
/// </summary>
public sealed class OrderService
{
    private readonly ServiceOrderService wechat;
    private readonly OrderWrites writes;
    private readonly OrderReads reads;
    private readonly OrderStartResolver starts;
    private readonly SubMerchantCatalog subMerchants;
    private readonly OutOrderNoGenerator generator;
    private readonly OrderSnapshotApplier applier;
    private readonly WeChatCallJournal journal;
    private readonly NotifyUrlProvider notifyUrl;
    private readonly int openOrdersPerUser;
    private readonly TimeProvider time;
    private readonly ILogger<OrderService> logger;

    public OrderService(ServiceOrderService wechat, OrderWrites writes, OrderReads reads, OrderStartResolver starts, SubMerchantCatalog subMerchants,
        OutOrderNoGenerator generator, OrderSnapshotApplier applier, WeChatCallJournal journal, NotifyUrlProvider notifyUrl,
        IOptions<RateLimitOptions> limits, TimeProvider time, ILogger<OrderService> logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        openOrdersPerUser = limits.Value.OpenOrdersPerUser;
        this.wechat = wechat;
        this.writes = writes;
        this.reads = reads;
        this.starts = starts;
        this.subMerchants = subMerchants;
        this.generator = generator;
        this.applier = applier;
        this.journal = journal;
        this.notifyUrl = notifyUrl;
        this.time = time;
        this.logger = logger;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Creates an order for a plan, at a device (its sub-merchant) or for a sub-merchant that accepts orders without one.</summary>
    public async Task<OrderResult<CreateOrderResponse>> CreateAsync(SessionUser user, string? planId, string? deviceId = null, string? subMerchant = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (start, error) = await starts.ResolveAsync(user, planId, deviceId, subMerchant, CancellationToken.None);
        if (start is null)
        {
            return error!;
        }

        var openId = user.OpenId;
        var plan = start.Plan;
        planId = start.PlanId;
        if (openOrdersPerUser > 0 && await reads.CountOpenOrdersAsync(start.SubMerchant.SubMchId, openId, CancellationToken.None) >= openOrdersPerUser)
        {
            return new OrderError(OrderErrorKind.TooManyOpenOrders, "Too many open orders",
                $"You already have {openOrdersPerUser} orders waiting for confirmation; confirm or let them expire before creating another.");
        }

        using var subMerchantTag = SubMerchantTag.Enter(start.SubMerchant.Key);
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("CreateOrder");
        var outOrderNo = generator.Next();
        activity?.SetTag("wxpayscore.out_order_no", outOrderNo);
        var request = ServiceOrderService.PrepareCreate(PlanCatalog.BuildCreate(start, outOrderNo, notifyUrl.Get()));

        // 1. Stored and journaled, committed, before anything is sent: whatever happens next, the order is not lost.
        var createdAt = Now;
        var order = new OrderRecord
        {
            SubMchId = start.SubMerchant.SubMchId,
            OutOrderNo = outOrderNo,
            ServiceId = start.SubMerchant.ServiceId,
            AppId = start.SubMerchant.AppId,
            SubAppId = start.SubAppId,
            PlanId = planId,
            SubMerchantKey = start.SubMerchant.Key,
            DeviceId = start.DeviceId,
            StartLocation = start.Location ?? (string.IsNullOrEmpty(plan.Location) ? null : plan.Location),
            OwnerOpenId = openId,
            Phase = OrderPhase.Creating,
            RiskFundAmount = plan.RiskFund.Amount,
            CreateBody = request.Body,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        applier.Schedule(order, createdAt);
        var createdEvent = new OrderEventRecord
        {
            At = createdAt, Kind = OrderEventKind.Created, Source = OrderSource.Api,
            ToPhase = OrderPhase.Creating, Detail = start.DeviceId is null ? $"plan {planId}" : $"plan {planId} at device {start.DeviceId}",
        };
        var call = journal.Begin(null, request, createdAt);
        await writes.InsertCreatingAsync(order, createdEvent, call, CancellationToken.None);

        // 2. Sent (the SDK retries 5xx/429/connection failures with these very bytes: WeChat's create is re-entrant).
        ServiceOrder created;
        try
        {
            created = await SendCreateAsync(request);
        }
        catch (WeChatPayException ex)
        {
            await RecordCreateFailureAsync(start.SubMerchant, outOrderNo, call, ex);
            return new OrderError(OrderErrorKind.WeChatFailed, "WeChat Pay error", ex.Message) { OutOrderNo = outOrderNo, WeChat = ex };
        }

        if (string.IsNullOrEmpty(created.Package))
        {
            await RecordCreateFailureAsync(start.SubMerchant, outOrderNo, call, new WeChatPayException("The create answer has no package."));
            return new OrderError(OrderErrorKind.NoPackage, "WeChat Pay answered without a package",
                $"Order {outOrderNo} was created but WeChat Pay's answer has no package for the confirm page.")
            {
                OutOrderNo = outOrderNo,
            };
        }

        // 3. Outcome stored: the answer applied to the order (to the stored one if another writer changed it meanwhile).
        var now = Now;
        WeChatCallJournal.Succeeded(call, 200, now);
        await writes.SettleCreateAsync(order, stored =>
        {
            stored.Package = created.Package;
            return applier.Apply(stored, created with { Package = null }, null, OrderSource.Api, null, now);
        }, call, CancellationToken.None);

        ServerDiagnostics.OrdersCreated.Add(1, new TagList { { "outcome", "ok" }, { "sub_merchant", start.SubMerchant.Key } });
        var launch = LaunchParameters.FromOrder(created);
        return new CreateOrderResponse(outOrderNo, created.State ?? ServiceOrderStatus.Created, launch.OpenBusinessView, launch.NavigateToMiniProgram);
    }

    /// <summary>The caller's order by out_order_no, freshly queried; 404 unless it is the caller's.</summary>
    public async Task<OrderResult<OrderStatusView>> GetForUserAsync(SessionUser user, string outOrderNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var openId = user.OpenId;
        if (string.IsNullOrEmpty(outOrderNo) || outOrderNo.Length > 32)
        {
            return NotFound();
        }

        var order = await reads.FindOrderAsync(outOrderNo, cancellationToken);

        if (order is null || !IsOwner(order, user))
        {
            return NotFound();
        }

        using var subMerchantTag = SubMerchantTag.Enter(order.SubMerchantKey);
        var query = ServiceOrderService.PrepareQuery(outOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId });
        var snapshot = await QueryAsync(() => journal.RecordAsync(order.Id, query, () => wechat.SendAsync(query, cancellationToken), cancellationToken));
        return snapshot is null ? NotFound() : await ViewForAsync(order, snapshot, openId);
    }

    /// <summary>The caller's order by the query_id the Pay Score page returned; the query_id proves nothing by itself.</summary>
    public async Task<OrderResult<OrderStatusView>> GetByQueryIdForUserAsync(SessionUser user, string queryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var openId = user.OpenId;
        if (string.IsNullOrEmpty(queryId) || queryId.Length > 512)
        {
            return new OrderError(OrderErrorKind.Invalid, "Invalid query_id", "queryId must be 1 to 512 characters.") { Field = "queryId" };
        }

        // A query_id is looked up at the sub-merchants the caller's mini program serves, one after the other.
        ServiceOrder? snapshot = null;
        foreach (var subMerchant in subMerchants.All.Where(s => s.TryRouteFor(user.AppId, out _)))
        {
            var result = await QueryByQueryIdAsync(subMerchant, queryId, cancellationToken);
            if (result.Error is not null)
            {
                return result.Error;
            }

            if (result.Snapshot is not null)
            {
                snapshot = result.Snapshot;
                break;
            }
        }

        if (snapshot is null)
        {
            return NotFound();
        }

        OrderRecord? order = null;
        if (snapshot.OutOrderNo is not null && snapshot.SubMchId is not null)
        {
            order = await reads.FindOrderAsync(snapshot.SubMchId, snapshot.OutOrderNo, cancellationToken);
        }

        if (order is null || !IsOwner(order, user))
        {
            return NotFound();
        }

        return await ViewForAsync(order, snapshot, openId);
    }

    private async Task<(ServiceOrder? Snapshot, OrderError? Error)> QueryByQueryIdAsync(SubMerchant subMerchant, string queryId, CancellationToken cancellationToken)
    {
        using var subMerchantTag = SubMerchantTag.Enter(subMerchant.Key);
        PreparedCall query;
        try
        {
            query = ServiceOrderService.PrepareQueryByQueryId(queryId, new ServiceOrderGetOptions { ServiceId = subMerchant.ServiceId, SubMchId = subMerchant.SubMchId });
        }
        catch (WeChatPayValidationException ex)
        {
            return (null, new OrderError(OrderErrorKind.Invalid, "Invalid query_id", ex.Message) { Field = "queryId" });
        }

        // Journaled like every WeChat call; the row names its order once WeChat's answer says which one it is.
        var call = await journal.StartAsync(null, query, cancellationToken);
        ServiceOrder snapshot;
        try
        {
            snapshot = (await wechat.SendAsync(query, cancellationToken))!;
        }
        catch (Exception ex) when (ex is WeChatPayException or OperationCanceledException)
        {
            WeChatCallJournal.Failed(call, ex, Now);
            await journal.CompleteAsync(call);
            if (ex is WeChatPayApiException { Kind: WeChatPayErrorKind.NotFound })
            {
                return (null, null);
            }

            throw;
        }

        snapshot = snapshot with { SubMchId = snapshot.SubMchId ?? subMerchant.SubMchId };
        if (snapshot.OutOrderNo is not null)
        {
            call.OrderId = (await reads.FindOrderAsync(snapshot.SubMchId, snapshot.OutOrderNo, cancellationToken))?.Id;
        }

        WeChatCallJournal.Succeeded(call, 200, Now);
        await journal.CompleteAsync(call);
        return (snapshot, null);
    }

    /// <summary>Applies a snapshot to the stored order under its lock when it moves the order forward; true when it did.</summary>
    public async Task<bool> ApplySnapshotAsync(string subMchId, string outOrderNo, ServiceOrder snapshot, OrderSource source)
    {
        return await writes.ApplySnapshotAsync(subMchId, outOrderNo, order =>
        {
            var change = applier.Apply(order, snapshot, null, source, null, Now);
            if (change is not null)
            {
                ServerDiagnostics.StateChanges.Add(1, new TagList
                {
                    { "source", source.ToStoredName() }, { "phase", change.ToPhase?.ToStoredName() }, { SubMerchantTag.Name, SubMerchantTag.ValueOf(order.SubMerchantKey) },
                });
            }

            return change;
        }, CancellationToken.None);
    }

    private async Task<OrderResult<OrderStatusView>> ViewForAsync(OrderRecord order, ServiceOrder snapshot, string openId)
    {
        // The order may be the caller's by creation, but the user who confirmed it at WeChat must be the caller too.
        if (!ConfirmedBy(order, snapshot, openId))
        {
            logger.LogWarning("Order {OutOrderNo} was confirmed by another user than its creator", order.OutOrderNo);
            return NotFound();
        }

        if (applier.IsNewer(order, snapshot))
        {
            await ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSource.Query);
        }

        var status = snapshot.Status;
        // Only collected money can be refunded: an order that has collected nothing (most queries) has no refunds to sum.
        var paid = snapshot.Collection?.PaidAmount ?? (status.IsPaid ? snapshot.TotalAmount ?? 0 : 0);
        long refunded = 0;
        if (paid > 0)
        {
            await using var db = await reads.OpenAsync(CancellationToken.None);
            refunded = await db.Refunds.Where(r => r.OrderId == order.Id && r.Phase == RefundPhase.Success).SumAsync(r => r.Amount);
        }

        return new OrderStatusView(
            order.OutOrderNo,
            snapshot.State,
            snapshot.StateDescription,
            snapshot.Collection?.State,
            snapshot.TotalAmount ?? snapshot.Collection?.TotalAmount,
            paid,
            snapshot.RiskFund?.Amount ?? order.RiskFundAmount,
            status.IsConfirmedByUser,
            status.IsPaid,
            status.IsTerminal,
            refunded);
    }

    private static bool IsOwner(OrderRecord order, SessionUser user)
    {
        // An openid means something only within its mini program: the order's (sub_appid if it used one, else appid).
        var openId = user.OpenId;
        if (!string.Equals(order.SubAppId ?? order.AppId, user.AppId, StringComparison.Ordinal) ||
            !string.Equals(order.OwnerOpenId, openId, StringComparison.Ordinal))
        {
            return false;
        }

        var confirmed = UsesSubAppId(order) ? order.ConfirmedSubOpenId : order.ConfirmedOpenId;
        return confirmed is null || string.Equals(confirmed, openId, StringComparison.Ordinal);
    }

    private static bool ConfirmedBy(OrderRecord order, ServiceOrder snapshot, string openId)
    {
        var confirmed = !string.IsNullOrEmpty(snapshot.SubAppId ?? order.SubAppId) ? snapshot.SubOpenId : snapshot.OpenId;
        return confirmed is null || string.Equals(confirmed, openId, StringComparison.Ordinal);
    }

    private static bool UsesSubAppId(OrderRecord order) => !string.IsNullOrEmpty(order.SubAppId);

    private async Task<ServiceOrder> SendCreateAsync(PreparedCall request)
    {
        // A create's answer always carries the order (the SDK refuses one without it).
        try
        {
            return (await wechat.SendAsync(request, CancellationToken.None))!;
        }
        catch (WeChatPayConnectionException ex)
        {
            // No answer after the SDK's retries: one more identical attempt (a create WeChat already committed answers
            // the same order again); if that fails too the reconciler settles it.
            logger.LogWarning("Create {OutOrderNo}: no answer ({Error}); resending the stored request once", request.OutOrderNo, ex.Message);
            return (await wechat.SendAsync(request, CancellationToken.None))!;
        }
    }

    private async Task RecordCreateFailureAsync(SubMerchant subMerchant, string outOrderNo, WeChatCallRecord call, WeChatPayException exception)
    {
        // A definite refusal (4xx) ends the order; anything else (no answer, 5xx, 429, bad signature) may have been
        // committed at WeChat: the order stays CREATING and the reconciler asks WeChat later.
        var refused = exception is WeChatPayApiException { IsTransient: false, Kind: not WeChatPayErrorKind.SignatureRejected };
        ServerDiagnostics.OrdersCreated.Add(1, new TagList { { "outcome", refused ? "refused" : "unknown" }, { "sub_merchant", subMerchant.Key } });
        logger.LogWarning("Create {OutOrderNo} failed ({Outcome}): {Error}", outOrderNo, refused ? "refused" : "outcome unknown", exception.Message);
        var now = Now;
        WeChatCallJournal.Failed(call, exception, now);
        await writes.FailCreateAsync(subMerchant.SubMchId, outOrderNo, call, order =>
        {
            var entry = new OrderEventRecord
            {
                OrderId = order.Id, At = now, Source = OrderSource.Api,
                Kind = refused ? OrderEventKind.CreateFailed : OrderEventKind.CallFailed,
                FromPhase = order.Phase, ToPhase = refused ? OrderPhase.CreateFailed : order.Phase,
                Detail = Truncate(exception.Message, 1000),
            };
            if (refused)
            {
                order.Phase = OrderPhase.CreateFailed;
                order.UpdatedAt = now;
                order.NextReconcileAt = null;
            }

            return entry;
        }, CancellationToken.None);
    }

    /// <summary>The query's answer; null when WeChat Pay has no such order.</summary>
    private static async Task<ServiceOrder?> QueryAsync(Func<Task<ServiceOrder?>> query)
    {
        try
        {
            return await query();
        }
        catch (WeChatPayApiException ex) when (ex.Kind == WeChatPayErrorKind.NotFound)
        {
            return null;
        }
    }

    private static OrderError NotFound() => new(OrderErrorKind.NotFound, "Order not found", "There is no such order for this user.");

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
