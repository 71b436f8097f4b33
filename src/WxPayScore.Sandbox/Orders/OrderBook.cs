using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>
/// Every service order of the sandbox and the way to reach them: looks orders up (by key, query_id, package), checks
/// who may see them, runs each step of the <see cref="OrderStateMachine"/> under the order's lock on the business clock,
/// then saves the order and publishes its callbacks. Creation of a new (sub_mchid, out_order_no) is serialised.
/// Requests arrive decoded by <see cref="RequestDecoder"/>; views are built by <see cref="OrderViews"/>.
/// </summary>
internal sealed class OrderBook
{
    private readonly ConcurrentDictionary<OrderKey, OrderRecord> orders = new();
    private readonly ConcurrentDictionary<string, OrderKey> byPackage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderKey> byQueryId = new(StringComparer.Ordinal);
    private readonly object createGate = new();
    private readonly SandboxClock clock;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;
    private readonly NotificationDispatcher notifications;
    private readonly ILogger<OrderBook> logger;

    public OrderBook(SandboxClock clock, MerchantRegistry registry, ISandboxStore store, NotificationDispatcher notifications,
        IOptions<SandboxOptions> options, ILogger<OrderBook> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.registry = registry;
        this.store = store;
        this.notifications = notifications;
        this.logger = logger;
        var mode = Enum.TryParse<CollectionMode>(options.Value.CollectionMode, ignoreCase: true, out var parsed)
            ? parsed
            : throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions),
                [$"Sandbox:CollectionMode must be Immediate, Delayed or FailUntilMerchant; got '{options.Value.CollectionMode}'."]);
        Machine = new OrderStateMachine(mode, TimeSpan.FromSeconds(Math.Max(0, options.Value.CollectionDelaySeconds)));
    }

    public OrderStateMachine Machine { get; }

    public IEnumerable<OrderRecord> All => orders.Values.OrderBy(o => o.CreatedAt);

    public void Restore(IEnumerable<OrderRecord> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var record in saved)
        {
            Index(record);
        }
    }

    // ---------------------------------------------------------------- WeChat API

    public ServiceOrder Create(RegisteredMerchant merchant, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        var request = RequestDecoder.Create(body);
        var service = registry.FindService(request.ServiceId!)
            ?? throw WeChatErrors.NoAuth("service_id不存在或商户无权使用该服务，请检查service_id");
        Authorise(merchant, request.SubMchId!);
        if (!service.AppIds.Contains(request.AppId!))
        {
            throw WeChatErrors.NoAuth("appid与service_id不匹配，请检查appid是否已登记在该支付分服务上", 271302149);
        }

        if (request.SubAppId is { } subAppId && !service.AppIds.Contains(subAppId))
        {
            throw WeChatErrors.NoAuth("sub_appid与service_id不匹配，请检查sub_appid是否已登记在该支付分服务上", 271302149);
        }

        var key = new OrderKey(request.SubMchId!, request.OutOrderNo!);
        lock (createGate)
        {
            if (orders.TryGetValue(key, out var existing))
            {
                return Step(existing, (r, now, changes) => Machine.Replay(r, merchant.MchId, body, now, changes));
            }

            var record = OrderCreation.Create(merchant.MchId, service, request, body, clock.UtcNow);
            lock (record.Gate)
            {
                Index(record);
                store.SaveOrder(record);
            }

            logger.LogInformation("Order {Order} created ({State}) for SP {MchId}", key, record.Order.State, merchant.MchId);
            return record.Order with { Package = record.Package };
        }
    }

    public ServiceOrder Query(RegisteredMerchant merchant, string? serviceId, string? subMchId, string? outOrderNo, string? queryId)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        RequestDecoder.Query(serviceId, subMchId, outOrderNo, queryId);
        Authorise(merchant, subMchId!);
        OrderRecord? record = null;
        if (outOrderNo is { Length: > 0 })
        {
            orders.TryGetValue(new OrderKey(subMchId!, outOrderNo), out record);
        }
        else if (byQueryId.TryGetValue(queryId!, out var key))
        {
            orders.TryGetValue(key, out record);
        }

        if (record is null || record.MchId != merchant.MchId || record.SubMchId != subMchId ||
            (!string.IsNullOrEmpty(serviceId) && record.ServiceId != serviceId))
        {
            throw WeChatErrors.OrderNotExist();
        }

        return Step(record, (r, now, changes) =>
        {
            OrderStateMachine.ApplyDue(r, now, changes);
            return r.Order;
        });
    }

    public ServiceOrder Cancel(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        RequestDecoder.PathOutOrderNo(outOrderNo);
        var request = RequestDecoder.Cancel(body);
        var record = Find(merchant, request.SubMchId!, outOrderNo, request.ServiceId);
        return Step(record, (r, now, changes) => Machine.Cancel(r, request, now, changes));
    }

    public ServiceOrder Complete(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        RequestDecoder.PathOutOrderNo(outOrderNo);
        var request = RequestDecoder.Complete(body);
        var record = Find(merchant, request.SubMchId!, outOrderNo, request.ServiceId);
        var service = registry.FindService(record.ServiceId);
        return Step(record, (r, now, changes) => Machine.Complete(r, request, body, service, now, changes));
    }

    public ServiceOrder Modify(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        RequestDecoder.PathOutOrderNo(outOrderNo);
        var request = RequestDecoder.Modify(body);
        var record = Find(merchant, request.SubMchId!, outOrderNo, request.ServiceId);
        return Step(record, (r, now, changes) => Machine.Modify(r, request, now, changes));
    }

    public ServiceOrder Pay(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        RequestDecoder.PathOutOrderNo(outOrderNo);
        var request = RequestDecoder.Pay(body);
        var record = Find(merchant, request.SubMchId!, outOrderNo, request.ServiceId);
        return Step(record, (r, now, changes) => Machine.Pay(r, now, changes));
    }

    public ServiceOrder Sync(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        RequestDecoder.PathOutOrderNo(outOrderNo);
        var request = RequestDecoder.Sync(body);
        var record = Find(merchant, request.SubMchId!, outOrderNo, request.ServiceId);
        return Step(record, (r, now, changes) => Machine.Sync(r, request, now, changes));
    }

    // ---------------------------------------------------------------- confirm page and control

    /// <summary>The order a package belongs to, without opening (spending) it; null when the package is unknown.</summary>
    public OrderRecord? FindByPackage(string? package) =>
        !string.IsNullOrEmpty(package) && byPackage.TryGetValue(package, out var key) && orders.TryGetValue(key, out var found) ? found : null;

    /// <summary>Opens the confirm page with a package: it is spent from now on, whatever the user does next.</summary>
    public PackageOpening OpenPackage(string? package, out OrderRecord? record)
    {
        record = FindByPackage(package);
        if (record is null)
        {
            return PackageOpening.Unknown;
        }

        var opening = PackageOpening.Unknown;
        Step(record, (r, now, changes) => opening = Machine.OpenPackage(r, now, changes));
        return opening;
    }

    /// <summary>The user confirms on the page: CREATED → DOING/USER_CONFIRM, openid set, OnAccept fixed, USER_CONFIRM sent.</summary>
    public SandboxConfirmation Confirm(OrderRecord record, string user) =>
        Step(record, (r, now, changes) =>
        {
            Machine.Confirm(r, user, now, changes);
            return new SandboxConfirmation
            {
                QueryId = r.QueryId, OutOrderNo = r.OutOrderNo, SubMchId = r.SubMchId, OpenId = r.Order.OpenId!, SubOpenId = r.Order.SubOpenId,
            };
        });

    public OrderRecord Get(string subMchId, string outOrderNo) =>
        orders.TryGetValue(new OrderKey(subMchId, outOrderNo), out var record)
            ? record
            : throw new SandboxControlException(404, "ORDER_NOT_EXIST", $"No order {subMchId}/{outOrderNo}.");

    /// <summary>Control API: the simulated user's payment succeeds (all or <paramref name="amount"/>) or fails; see <see cref="OrderStateMachine.SetPaymentOutcome"/>.</summary>
    public void SetPaymentOutcome(string subMchId, string outOrderNo, bool succeed, long? amount = null) =>
        Step(Get(subMchId, outOrderNo), (r, now, changes) => Machine.SetPaymentOutcome(r, succeed, amount, now, changes));

    /// <summary>Applies everything that became due on the business clock (expiry, delayed collections).</summary>
    public void RunDue(DateTimeOffset now)
    {
        foreach (var record in orders.Values)
        {
            Step(record, (r, _, changes) => OrderStateMachine.ApplyDue(r, now, changes));
        }
    }

    public DateTimeOffset? NextDue() => orders.Values.Select(OrderStateMachine.NextDue).Min();

    /// <summary>Runs <paramref name="read"/> on the order with what is due applied first; for reading the current snapshot.</summary>
    public T Read<T>(OrderRecord record, Func<OrderRecord, T> read) =>
        Step(record, (r, now, changes) =>
        {
            OrderStateMachine.ApplyDue(r, now, changes);
            return read(r);
        });

    // ---------------------------------------------------------------- internals

    private static void Authorise(RegisteredMerchant merchant, string subMchId)
    {
        if (!merchant.SubMchIds.Contains(subMchId))
        {
            throw WeChatErrors.NoAuth("请检查sub_mchid是否授权mchid微信支付分产品权限");
        }
    }

    private OrderRecord Find(RegisteredMerchant merchant, string subMchId, string outOrderNo, string? serviceId)
    {
        Authorise(merchant, subMchId);
        if (!orders.TryGetValue(new OrderKey(subMchId, outOrderNo), out var record) || record.MchId != merchant.MchId ||
            (!string.IsNullOrEmpty(serviceId) && record.ServiceId != serviceId))
        {
            throw WeChatErrors.OrderNotExist();
        }

        return record;
    }

    private void Index(OrderRecord record)
    {
        orders[record.Key] = record;
        byQueryId[record.QueryId] = record.Key;
        if (record.Package is { } package)
        {
            byPackage[package] = record.Key;
        }
    }

    private ServiceOrder Step(OrderRecord record, Action<OrderRecord, DateTimeOffset, OrderChanges> step) =>
        Step(record, (r, now, changes) =>
        {
            step(r, now, changes);
            return r.Order;
        });

    /// <summary>
    /// One step under the order's lock. What the step changed is saved and its callbacks published even when it then
    /// refuses (a collection that fell due before a refused call still happened).
    /// </summary>
    private T Step<T>(OrderRecord record, Func<OrderRecord, DateTimeOffset, OrderChanges, T> step)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (record.Gate)
        {
            var changes = new OrderChanges();
            try
            {
                return step(record, clock.UtcNow, changes);
            }
            finally
            {
                if (changes.MustSave)
                {
                    store.SaveOrder(record);
                }

                foreach (var eventType in changes.Events)
                {
                    notifications.Publish(record, eventType);
                }

                foreach (var note in changes.Notes)
                {
                    logger.LogInformation("Order {Order}: {Change}", record.Key, note);
                }
            }
        }
    }
}
