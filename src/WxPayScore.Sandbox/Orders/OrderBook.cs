using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Callbacks;
using WxPayScore.Json;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>
/// The Pay Score side of the sandbox: every service order, the rules of §§2–6 and the state machine of §9, on the
/// business clock. Each order is changed under its own lock; creation of a new (sub_mchid, out_order_no) is serialised.
/// Errors are thrown as <see cref="WeChatErrorException"/> (API) or <see cref="SandboxControlException"/> (control).
/// </summary>
internal sealed class OrderBook
{
    public static readonly TimeSpan PackageLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromDays(30);

    private const string NewtonPaidType = "NEWTON";
    private const string MerchantPaidType = "MCH";

    private readonly ConcurrentDictionary<OrderKey, OrderRecord> orders = new();
    private readonly ConcurrentDictionary<string, OrderKey> byPackage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderKey> byQueryId = new(StringComparer.Ordinal);
    private readonly object createGate = new();
    private readonly SandboxClock clock;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;
    private readonly NotificationDispatcher notifications;
    private readonly ILogger<OrderBook> logger;
    private readonly CollectionMode collectionMode;
    private readonly TimeSpan collectionDelay;

    public OrderBook(SandboxClock clock, MerchantRegistry registry, ISandboxStore store, NotificationDispatcher notifications,
        IOptions<SandboxOptions> options, ILogger<OrderBook> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.registry = registry;
        this.store = store;
        this.notifications = notifications;
        this.logger = logger;
        collectionMode = Enum.TryParse<CollectionMode>(options.Value.CollectionMode, ignoreCase: true, out var mode)
            ? mode
            : throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions),
                [$"Sandbox:CollectionMode must be Immediate, Delayed or FailUntilMerchant; got '{options.Value.CollectionMode}'."]);
        collectionDelay = TimeSpan.FromSeconds(Math.Max(0, options.Value.CollectionDelaySeconds));
    }

    public IEnumerable<OrderRecord> All => orders.Values.OrderBy(o => o.CreatedAt);

    public void Restore(IEnumerable<OrderRecord> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var record in saved)
        {
            orders[record.Key] = record;
            byQueryId[record.QueryId] = record.Key;
            if (record.Package is { } package)
            {
                byPackage[package] = record.Key;
            }
        }
    }

    // ---------------------------------------------------------------- WeChat API

    public ServiceOrder Create(RegisteredMerchant merchant, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "appid", "sub_mchid", "out_order_no", "service_introduction",
            "risk_fund", "risk_fund.name", "risk_fund.amount", "time_range", "notify_url");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidateCreate(request));

        var service = registry.FindService(request.ServiceId)
            ?? throw WeChatErrors.NoAuth("service_id不存在或商户无权使用该服务，请检查service_id");
        Authorise(merchant, request.SubMchId);
        if (!service.AppIds.Contains(request.AppId))
        {
            throw WeChatErrors.NoAuth("appid与service_id不匹配，请检查appid是否已登记在该支付分服务上", 271302149);
        }

        if (request.SubAppId is { } subAppId && !service.AppIds.Contains(subAppId))
        {
            throw WeChatErrors.NoAuth("sub_appid与service_id不匹配，请检查sub_appid是否已登记在该支付分服务上", 271302149);
        }

        var key = new OrderKey(request.SubMchId, request.OutOrderNo);
        lock (createGate)
        {
            if (orders.TryGetValue(key, out var existing))
            {
                lock (existing.Gate)
                {
                    // 原参重入: the same parameters give the same order (and the same package while it is CREATED).
                    if (existing.MchId != merchant.MchId || !RequestBody.SameJson(existing.CreateBody, document.RootElement))
                    {
                        throw WeChatErrors.ReentryMismatch();
                    }

                    ApplyDue(existing, clock.UtcNow);
                    return existing.Order with { Package = existing.Phase == ServiceOrderPhase.Created ? existing.Package : null };
                }
            }

            CheckCreateRules(service, request);
            var now = clock.UtcNow;
            var beijing = clock.BeijingNow;
            var confirmNeeded = request.NeedUserConfirm != false;
            var range = request.TimeRange;
            if (!confirmNeeded && range.StartTime is { IsOnAccept: true })
            {
                range = range with { StartTime = ServiceTime.At(beijing) };
            }

            var record = new OrderRecord
            {
                MchId = merchant.MchId,
                SubMchId = request.SubMchId,
                OutOrderNo = request.OutOrderNo,
                ServiceId = request.ServiceId,
                CreateBody = Encoding.UTF8.GetString(body.Span),
                Package = confirmNeeded ? Identifiers.Package() : null,
                PackageIssuedAt = confirmNeeded ? now : null,
                QueryId = Identifiers.QueryId(),
                CreatedAt = now,
                UpdatedAt = now,
                Order = new ServiceOrder
                {
                    OutOrderNo = request.OutOrderNo,
                    ServiceId = request.ServiceId,
                    AppId = request.AppId,
                    MchId = merchant.MchId,
                    SubAppId = request.SubAppId,
                    SubMchId = request.SubMchId,
                    ServiceIntroduction = request.ServiceIntroduction,
                    State = confirmNeeded ? ServiceOrderStatus.Created : ServiceOrderStatus.Doing,
                    StateDescription = confirmNeeded ? null : ServiceOrderStatus.UserConfirm,
                    PostPayments = request.PostPayments,
                    PostDiscounts = request.PostDiscounts,
                    RiskFund = request.RiskFund,
                    TimeRange = range,
                    Location = request.Location,
                    Attach = request.Attach,
                    NotifyUrl = request.NotifyUrl,
                    OpenId = confirmNeeded ? null : request.OpenId,
                    SubOpenId = confirmNeeded ? null : request.SubOpenId,
                    OrderId = Identifiers.OrderId(beijing),
                },
            };

            lock (record.Gate)
            {
                orders[key] = record;
                byQueryId[record.QueryId] = key;
                if (record.Package is { } package)
                {
                    byPackage[package] = key;
                }

                store.SaveOrder(record);
            }

            logger.LogInformation("Order {Order} created ({State}) for SP {MchId}", key, record.Order.State, merchant.MchId);
            return record.Order with { Package = record.Package };
        }
    }

    public ServiceOrder Query(RegisteredMerchant merchant, string? serviceId, string? subMchId, string? outOrderNo, string? queryId)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        if (string.IsNullOrEmpty(subMchId))
        {
            throw WeChatErrors.Param("sub_mchid", "此字段为必填项", location: "query", message: "缺少参数sub_mchid");
        }

        if (string.IsNullOrEmpty(outOrderNo) == string.IsNullOrEmpty(queryId))
        {
            throw WeChatErrors.Param("out_order_no", "out_order_no与query_id必须且只能传其中一个", location: "query",
                message: "out_order_no与query_id必须且只能传其中一个");
        }

        Authorise(merchant, subMchId);
        OrderRecord? record = null;
        if (outOrderNo is { Length: > 0 })
        {
            orders.TryGetValue(new OrderKey(subMchId, outOrderNo), out record);
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

        lock (record.Gate)
        {
            ApplyDue(record, clock.UtcNow);
            return record.Order;
        }
    }

    public ServiceOrder Cancel(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "sub_mchid", "reason");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidateCancel(request));
        var record = Find(merchant, request.SubMchId, outOrderNo, request.ServiceId);
        lock (record.Gate)
        {
            ApplyDue(record, clock.UtcNow);
            if (record.Phase == ServiceOrderPhase.AwaitingPayment && record.Order.Collection?.PaidAmount is > 0)
            {
                // Part of the amount was already collected (emulator choice): money moved, the order can no longer be revoked.
                throw WeChatErrors.InvalidState("当前订单状态不满足撤销条件（订单已部分收款）", 271316592);
            }

            switch (record.Phase)
            {
                case ServiceOrderPhase.Created or ServiceOrderPhase.UserConfirmed or ServiceOrderPhase.AwaitingPayment:
                    record.Order = record.Order with { State = ServiceOrderStatus.Revoked, StateDescription = null };
                    record.CancelReason = request.Reason;
                    record.CollectionDueAt = null;
                    Touch(record);
                    logger.LogInformation("Order {Order} cancelled: {Reason}", record.Key, request.Reason);
                    return record.Order;
                case ServiceOrderPhase.Revoked when record.CancelReason == request.Reason:
                    return record.Order; // re-entrant with the same reason
                case ServiceOrderPhase.Revoked:
                    throw WeChatErrors.Canceled();
                case ServiceOrderPhase.Done:
                    throw WeChatErrors.Done();
                default:
                    throw WeChatErrors.InvalidState("当前订单状态不满足撤销条件", 271316592);
            }
        }
    }

    public ServiceOrder Complete(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "sub_mchid", "post_payments", "total_amount");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidateComplete(request), TotalMessage);
        var record = Find(merchant, request.SubMchId, outOrderNo, request.ServiceId);
        var service = registry.FindService(record.ServiceId);
        lock (record.Gate)
        {
            var now = clock.UtcNow;
            ApplyDue(record, now);
            if (record.CompleteBody is { } previous && record.Phase is ServiceOrderPhase.AwaitingPayment or ServiceOrderPhase.Done &&
                RequestBody.SameJson(previous, document.RootElement))
            {
                return record.Order; // an identical complete after a lost answer
            }

            switch (record.Phase)
            {
                case ServiceOrderPhase.UserConfirmed:
                    break;
                case ServiceOrderPhase.Created:
                    throw WeChatErrors.InvalidState("当前订单状态不合法（确认状态）", 271302332);
                case ServiceOrderPhase.AwaitingPayment:
                    throw WeChatErrors.InvalidState("完结订单状态不合法");
                case ServiceOrderPhase.Done:
                    throw WeChatErrors.Done();
                case ServiceOrderPhase.Revoked:
                    throw WeChatErrors.Canceled();
                default:
                    throw WeChatErrors.InvalidState("当前订单状态不合法（订单已失效）");
            }

            var total = request.TotalAmount;
            if (record.Order.RiskFund is { Name: not RiskFundNames.EstimateOrderCost } risk && total > risk.Amount)
            {
                throw WeChatErrors.ParamMessage("总金额超过服务风险金额", "/total_amount", total.ToString(CultureInfo.InvariantCulture), 271316656);
            }

            if (service is not null && total > service.RiskCap)
            {
                throw WeChatErrors.ParamMessage("总金额超过服务风险金额上限", "/total_amount", total.ToString(CultureInfo.InvariantCulture), 271316656);
            }

            var range = TimeRules.Complete(record.Order.TimeRange, request.TimeRange, clock.BeijingNow);
            record.CompleteBody = Encoding.UTF8.GetString(body.Span);
            record.Order = record.Order with
            {
                PostPayments = request.PostPayments,
                PostDiscounts = request.PostDiscounts,
                TotalAmount = total,
                TimeRange = range,
                Location = request.Location ?? record.Order.Location,
            };

            if (total == 0)
            {
                // Zero-amount completion: straight to DONE, nothing to collect, no USER_PAID callback (spec §5, emulator choice).
                record.Order = record.Order with { State = ServiceOrderStatus.Done, StateDescription = null, NeedCollection = false, Collection = null };
                Touch(record);
                return record.Order;
            }

            record.Order = record.Order with
            {
                State = ServiceOrderStatus.Doing,
                StateDescription = ServiceOrderStatus.MchComplete,
                NeedCollection = true,
                Collection = new CollectionInfo { State = ServiceOrderStatus.UserPaying, TotalAmount = total, PayingAmount = total, PaidAmount = 0, Details = [] },
            };
            switch (collectionMode)
            {
                case CollectionMode.Immediate:
                    Collect(record, now);
                    break;
                case CollectionMode.Delayed:
                    record.CollectionDueAt = now + collectionDelay;
                    break;
                default:
                    record.PaymentBlocked = true;
                    record.FailedDeductions++;
                    break;
            }

            Touch(record);
            return record.Order;
        }
    }

    public ServiceOrder Modify(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "sub_mchid", "post_payments", "total_amount", "reason");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidateModify(request), TotalMessage);
        var record = Find(merchant, request.SubMchId, outOrderNo, request.ServiceId);
        lock (record.Gate)
        {
            ApplyDue(record, clock.UtcNow);
            EnsureAwaitingPayment(record, "仅服务订单支付状态为待支付时，才可使用此能力", 271316657);
            var current = record.Order.TotalAmount ?? record.Order.Collection?.TotalAmount ?? 0;
            if (request.TotalAmount >= current)
            {
                throw WeChatErrors.ParamMessage($"修改后的订单金额必须小于原订单金额（{current}）", "/total_amount",
                    request.TotalAmount.ToString(CultureInfo.InvariantCulture));
            }

            var paid = record.Order.Collection?.PaidAmount ?? 0;
            if (request.TotalAmount < paid)
            {
                throw WeChatErrors.ParamMessage($"修改后的订单金额不能小于已收款金额（{paid}）", "/total_amount",
                    request.TotalAmount.ToString(CultureInfo.InvariantCulture));
            }

            var paying = Math.Max(0, request.TotalAmount - paid);
            record.Order = record.Order with
            {
                PostPayments = request.PostPayments,
                PostDiscounts = request.PostDiscounts,
                TotalAmount = request.TotalAmount,
                Collection = (record.Order.Collection ?? new CollectionInfo()) with
                {
                    TotalAmount = request.TotalAmount,
                    PayingAmount = paying,
                    State = paying == 0 ? ServiceOrderStatus.UserPaid : ServiceOrderStatus.UserPaying,
                },
            };
            if (paying == 0)
            {
                record.Order = record.Order with { State = ServiceOrderStatus.Done, StateDescription = null };
                record.CollectionDueAt = null;
            }

            Touch(record);
            return record.Order;
        }
    }

    public ServiceOrder Pay(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "sub_mchid");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidatePay(request));
        var record = Find(merchant, request.SubMchId, outOrderNo, request.ServiceId);
        lock (record.Gate)
        {
            var now = clock.UtcNow;
            ApplyDue(record, now);
            EnsureAwaitingPayment(record, "订单状态不合法，仅待支付的订单可以收款", 271302262);
            // The merchant-triggered deduction succeeds (FailUntilMerchant ends here).
            Collect(record, now);
            Touch(record);
            return record.Order;
        }
    }

    public ServiceOrder Sync(RegisteredMerchant merchant, string outOrderNo, ReadOnlyMemory<byte> body)
    {
        using var document = RequestBody.Parse(body);
        RequestBody.Require(document.RootElement, "service_id", "sub_mchid", "type", "detail", "detail.paid_time");
        var request = RequestBody.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions);
        RequestBody.Validate(() => ServiceOrderValidator.ValidateSync(request));
        var record = Find(merchant, request.SubMchId, outOrderNo, request.ServiceId);
        lock (record.Gate)
        {
            ApplyDue(record, clock.UtcNow);
            EnsureAwaitingPayment(record, "订单状态不合法，仅待支付的订单可以同步支付状态", 271302262);
            var collection = record.Order.Collection ?? new CollectionInfo();
            var total = collection.TotalAmount ?? record.Order.TotalAmount ?? 0;
            var details = (collection.Details ?? []).ToList();
            details.Add(new CollectionDetail
            {
                Seq = details.Count + 1,
                Amount = collection.PayingAmount ?? total,
                PaidType = MerchantPaidType,
                PaidTime = request.Detail.PaidTime.ToString(),
            });
            record.Order = record.Order with
            {
                State = ServiceOrderStatus.Done,
                StateDescription = null,
                Collection = collection with { State = ServiceOrderStatus.UserPaid, PayingAmount = 0, PaidAmount = total, Details = details },
            };
            record.CollectionDueAt = null;
            record.PaymentBlocked = false;
            Touch(record);
            return record.Order;
        }
    }

    // ---------------------------------------------------------------- confirm page and control

    /// <summary>The order a package belongs to, without opening (spending) it; null when the package is unknown.</summary>
    public OrderRecord? FindByPackage(string? package) =>
        !string.IsNullOrEmpty(package) && byPackage.TryGetValue(package, out var key) && orders.TryGetValue(key, out var found) ? found : null;

    /// <summary>Opens the confirm page with a package: it is spent from now on, whatever the user does next.</summary>
    public PackageOpening OpenPackage(string? package, out OrderRecord? record)
    {
        record = null;
        if (string.IsNullOrEmpty(package) || !byPackage.TryGetValue(package, out var key) || !orders.TryGetValue(key, out var found))
        {
            return PackageOpening.Unknown;
        }

        record = found;
        lock (found.Gate)
        {
            var now = clock.UtcNow;
            ApplyDue(found, now);
            if (found.PackageSpent)
            {
                return PackageOpening.Spent;
            }

            if (found.PackageIssuedAt is not { } issued || now - issued > PackageLifetime)
            {
                return PackageOpening.Expired;
            }

            found.PackageSpent = true;
            Touch(found, changed: false);
            return found.Phase == ServiceOrderPhase.Created ? PackageOpening.Opened : PackageOpening.NotConfirmable;
        }
    }

    /// <summary>The user confirms on the page: CREATED → DOING/USER_CONFIRM, openid set, OnAccept fixed, USER_CONFIRM sent.</summary>
    public SandboxConfirmation Confirm(OrderRecord record, string user)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (record.Gate)
        {
            var now = clock.UtcNow;
            ApplyDue(record, now);
            if (record.Phase != ServiceOrderPhase.Created)
            {
                throw new SandboxControlException(409, "INVALID_ORDER_STATE",
                    $"订单当前状态为 {record.Order.Status}，不能确认 (the order is {record.Order.Status}, not CREATED).");
            }

            var order = record.Order;
            var openId = SandboxUsers.OpenIdFor(order.AppId ?? string.Empty, user);
            var subOpenId = order.SubAppId is { } subAppId ? SandboxUsers.OpenIdFor(subAppId, user) : null;
            var range = order.TimeRange;
            if (range?.StartTime is { IsOnAccept: true })
            {
                range = range with { StartTime = ServiceTime.At(clock.BeijingNow) };
            }

            record.Order = order with
            {
                State = ServiceOrderStatus.Doing,
                StateDescription = ServiceOrderStatus.UserConfirm,
                OpenId = openId,
                SubOpenId = subOpenId,
                TimeRange = range,
            };
            record.ConfirmedBy = user;
            record.ConfirmedAt = now;
            Touch(record);
            notifications.Publish(record, PayScoreCallback.UserConfirmEvent);
            logger.LogInformation("Order {Order} confirmed by simulated user {User}", record.Key, user);
            return new SandboxConfirmation
            {
                QueryId = record.QueryId, OutOrderNo = record.OutOrderNo, SubMchId = record.SubMchId, OpenId = openId, SubOpenId = subOpenId,
            };
        }
    }

    public OrderRecord Get(string subMchId, string outOrderNo) =>
        orders.TryGetValue(new OrderKey(subMchId, outOrderNo), out var record)
            ? record
            : throw new SandboxControlException(404, "ORDER_NOT_EXIST", $"No order {subMchId}/{outOrderNo}.");

    /// <summary>
    /// Control API: the simulated user's payment succeeds now, or fails (and keeps failing until pay/sync/succeed). With
    /// <paramref name="amount"/> only that part is collected (spec §7.3: collected in several parts): a NEWTON detail of that
    /// amount and a <c>USER_PAID</c> callback; the order stays DOING/MCH_COMPLETE + USER_PAYING until the last part, which
    /// makes it DONE/USER_PAID. Without an amount the rest is collected.
    /// </summary>
    public void SetPaymentOutcome(string subMchId, string outOrderNo, bool succeed, long? amount = null)
    {
        if (amount is not null && !succeed)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "amount applies only to a successful payment (succeed: true).");
        }

        if (amount is <= 0)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", $"amount must be a positive number of fen; got {amount}.");
        }

        var record = Get(subMchId, outOrderNo);
        lock (record.Gate)
        {
            var now = clock.UtcNow;
            ApplyDue(record, now);
            if (record.Phase != ServiceOrderPhase.AwaitingPayment)
            {
                throw new SandboxControlException(409, "INVALID_ORDER_STATE",
                    $"The order is {record.Order.Status}; a payment happens only in DOING/MCH_COMPLETE/USER_PAYING.");
            }

            if (amount is { } part)
            {
                var paying = Unpaid(record);
                if (part > paying)
                {
                    throw new SandboxControlException(400, "PARAM_ERROR",
                        $"amount {part} is more than the {paying} fen still to be collected (paying_amount).");
                }

                if (part < paying)
                {
                    CollectPart(record, now, part);
                    Touch(record);
                    return;
                }
            }

            if (succeed)
            {
                Collect(record, now);
            }
            else
            {
                record.PaymentBlocked = true;
                record.CollectionDueAt = null;
                record.FailedDeductions++;
            }

            Touch(record);
        }
    }

    /// <summary>Applies everything that became due on the business clock (expiry, delayed collections).</summary>
    public void RunDue(DateTimeOffset now)
    {
        foreach (var record in orders.Values)
        {
            lock (record.Gate)
            {
                ApplyDue(record, now);
            }
        }
    }

    public DateTimeOffset? NextDue() =>
        orders.Values.Where(o => o is { PaymentBlocked: false, CollectionDueAt: not null } && o.Phase == ServiceOrderPhase.AwaitingPayment)
            .Select(o => o.CollectionDueAt).Min();

    public SandboxOrderInfo ToInfo(OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (record.Gate)
        {
            ApplyDue(record, clock.UtcNow);
            return new SandboxOrderInfo
            {
                MchId = record.MchId,
                SubMchId = record.SubMchId,
                OutOrderNo = record.OutOrderNo,
                Status = record.Order.Status.ToString(),
                Order = record.Order,
                Package = record.Package,
                PackageExpiresAt = record.PackageIssuedAt + PackageLifetime,
                PackageSpent = record.PackageSpent,
                QueryId = record.QueryId,
                CreatedAt = record.CreatedAt.ToOffset(ServiceTime.BeijingOffset),
                UpdatedAt = record.UpdatedAt.ToOffset(ServiceTime.BeijingOffset),
                ConfirmedBy = record.ConfirmedBy,
                ConfirmedAt = record.ConfirmedAt?.ToOffset(ServiceTime.BeijingOffset),
                CancelReason = record.CancelReason,
                CollectionDueAt = record.CollectionDueAt?.ToOffset(ServiceTime.BeijingOffset),
                PaymentBlocked = record.PaymentBlocked,
                ConfirmPage = record.Package is { } p ? "/sandbox/pages/use/use?package=" + Uri.EscapeDataString(p) : null,
            };
        }
    }

    // ---------------------------------------------------------------- internals

    private static string? TotalMessage(WxPayScore.Errors.WeChatPayValidationException ex) =>
        ex.Field == "total_amount" ? "最终总金额计算非法" : null;

    private static void Authorise(RegisteredMerchant merchant, string subMchId)
    {
        if (!merchant.SubMchIds.Contains(subMchId))
        {
            throw WeChatErrors.NoAuth("请检查sub_mchid是否授权mchid微信支付分产品权限");
        }
    }

    private static void EnsureAwaitingPayment(OrderRecord record, string message, long internalNumber)
    {
        switch (record.Phase)
        {
            case ServiceOrderPhase.AwaitingPayment:
                return;
            case ServiceOrderPhase.Done:
                throw WeChatErrors.Done();
            case ServiceOrderPhase.Revoked:
                throw WeChatErrors.Canceled();
            default:
                throw WeChatErrors.InvalidState(message, internalNumber);
        }
    }

    private OrderRecord Find(RegisteredMerchant merchant, string subMchId, string outOrderNo, string? serviceId)
    {
        RequestBody.Validate(() => ServiceOrderValidator.ValidateOutOrderNo(outOrderNo));
        Authorise(merchant, subMchId);
        if (!orders.TryGetValue(new OrderKey(subMchId, outOrderNo), out var record) || record.MchId != merchant.MchId ||
            (!string.IsNullOrEmpty(serviceId) && record.ServiceId != serviceId))
        {
            throw WeChatErrors.OrderNotExist();
        }

        return record;
    }

    private void CheckCreateRules(RegisteredService service, ServiceOrderCreateOptions request)
    {
        var allowed = MerchantRegistry.AllowedRiskFundNames(service.Mode);
        if (!allowed.Contains(request.RiskFund.Name))
        {
            throw WeChatErrors.ParamMessage(
                $"risk_fund.name与服务的模式不符：{(service.Mode == ServiceMode.EnjoyFirst ? "先享模式仅支持 ESTIMATE_ORDER_COST" : "先免模式仅支持 DEPOSIT、ADVANCE、CASH_DEPOSIT")}",
                "/risk_fund/name", request.RiskFund.Name);
        }

        if (request.RiskFund.Amount > service.RiskCap)
        {
            throw WeChatErrors.ParamMessage($"风险金额超过服务风险金额上限（{service.RiskCap}分）", "/risk_fund/amount",
                request.RiskFund.Amount.ToString(CultureInfo.InvariantCulture), 271316656);
        }

        if (request.PostDiscounts is not { Count: > 0 } && request.PostPayments is { Count: > 0 } payments)
        {
            var sum = payments.Sum(p => p.Amount ?? 0);
            if (sum > service.RiskCap)
            {
                throw WeChatErrors.ParamMessage($"后付费项目总金额超过服务风险金额上限（{service.RiskCap}分）", "/post_payments",
                    sum.ToString(CultureInfo.InvariantCulture), 271316656);
            }
        }

        TimeRules.CheckCreate(request.TimeRange, clock.BeijingNow);
    }

    /// <summary>Applies the business-clock events of one order. Call under its lock.</summary>
    private void ApplyDue(OrderRecord record, DateTimeOffset now)
    {
        if (record.Phase == ServiceOrderPhase.Created && now - record.CreatedAt > ExpireAfter)
        {
            record.Order = record.Order with { State = ServiceOrderStatus.Expired, StateDescription = null };
            Touch(record);
            logger.LogInformation("Order {Order} expired after 30 days in CREATED", record.Key);
        }

        if (record is { PaymentBlocked: false, CollectionDueAt: { } due } && due <= now && record.Phase == ServiceOrderPhase.AwaitingPayment)
        {
            Collect(record, due);
            Touch(record);
        }
    }

    /// <summary>What is still to be collected: <c>collection.total_amount − collection.paid_amount</c>.</summary>
    private static long Unpaid(OrderRecord record)
    {
        var collection = record.Order.Collection ?? new CollectionInfo();
        var total = collection.TotalAmount ?? record.Order.TotalAmount ?? 0;
        return Math.Max(0, total - (collection.PaidAmount ?? 0));
    }

    /// <summary>The simulated user's deduction of the rest succeeds: DONE / USER_PAID, a NEWTON detail with a transaction_id, USER_PAID callback.</summary>
    private void Collect(OrderRecord record, DateTimeOffset at)
    {
        var rest = Unpaid(record);
        AddNewtonDetail(record, at, rest, final: true);
        record.CollectionDueAt = null;
        record.PaymentBlocked = false;
        Touch(record);
        notifications.Publish(record, PayScoreCallback.UserPaidEvent);
        logger.LogInformation("Order {Order} paid by the simulated user ({Amount} fen)", record.Key, rest);
    }

    /// <summary>
    /// One part of the amount is collected: a NEWTON detail, paid/paying amounts moved, and a USER_PAID callback whose
    /// snapshot is still DOING/MCH_COMPLETE + USER_PAYING. The collection schedule of the rest is unchanged.
    /// </summary>
    private void CollectPart(OrderRecord record, DateTimeOffset at, long amount)
    {
        AddNewtonDetail(record, at, amount, final: false);
        Touch(record);
        notifications.Publish(record, PayScoreCallback.UserPaidEvent);
        logger.LogInformation("Order {Order}: {Amount} fen collected in part, {Rest} fen still to collect", record.Key, amount, Unpaid(record));
    }

    private static void AddNewtonDetail(OrderRecord record, DateTimeOffset at, long amount, bool final)
    {
        var collection = record.Order.Collection ?? new CollectionInfo();
        var total = collection.TotalAmount ?? record.Order.TotalAmount ?? 0;
        var paid = (collection.PaidAmount ?? 0) + amount;
        var beijing = at.ToOffset(ServiceTime.BeijingOffset);
        var details = (collection.Details ?? []).ToList();
        details.Add(new CollectionDetail
        {
            Seq = details.Count + 1,
            Amount = amount,
            PaidType = NewtonPaidType,
            PaidTime = beijing.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            TransactionId = Identifiers.TransactionId(beijing),
        });
        collection = collection with
        {
            State = final ? ServiceOrderStatus.UserPaid : ServiceOrderStatus.UserPaying,
            TotalAmount = total,
            PayingAmount = final ? 0 : total - paid,
            PaidAmount = final ? total : paid,
            Details = details,
        };
        record.Order = final
            ? record.Order with { State = ServiceOrderStatus.Done, StateDescription = null, Collection = collection }
            : record.Order with { Collection = collection };
    }

    private void Touch(OrderRecord record, bool changed = true)
    {
        if (changed)
        {
            record.UpdatedAt = clock.UtcNow;
        }

        store.SaveOrder(record);
    }
}
