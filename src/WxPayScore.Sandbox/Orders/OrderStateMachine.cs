using System.Globalization;
using System.Text;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>
/// The rules of one service order (spec §§2–6) and its state machine (§9), with no I/O: each step takes the order, a
/// decoded request and the business time, changes the order or throws the error WeChat answers
/// (<see cref="WeChatErrorException"/>, or <see cref="SandboxControlException"/> for the control API), and reports what
/// happened in <see cref="OrderChanges"/>. The caller holds the order's lock, saves it and sends the callbacks.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
    Justification = "Every step is a member of the configured machine (collection mode and delay), whether or not it reads them.")]
internal sealed class OrderStateMachine
{
    public static readonly TimeSpan PackageLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromDays(30);

    private readonly CollectionMode collectionMode;
    private readonly TimeSpan collectionDelay;

    public OrderStateMachine(CollectionMode collectionMode, TimeSpan collectionDelay)
    {
        this.collectionMode = collectionMode;
        this.collectionDelay = collectionDelay;
    }

    /// <summary>原参重入 (§2.3): the same parameters give the same order (and the same package while it is CREATED).</summary>
    public ServiceOrder Replay(OrderRecord existing, string mchId, ReadOnlyMemory<byte> body, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (existing.MchId != mchId || !SameJson(existing.CreateBody, body))
        {
            throw WeChatErrors.ReentryMismatch();
        }

        ApplyDue(existing, now, changes);
        return existing.Order with { Package = existing.Phase == ServiceOrderPhase.Created ? existing.Package : null };
    }

    /// <summary>Cancel (§4): CREATED, DOING/USER_CONFIRM or completed-unpaid → REVOKED; re-entrant with the same reason.</summary>
    public void Cancel(OrderRecord record, CancelRequest request, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        ApplyDue(record, now, changes);
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
                Touch(record, now, changes);
                changes.Note("cancelled: " + request.Reason);
                return;
            case ServiceOrderPhase.Revoked when record.CancelReason == request.Reason:
                return; // re-entrant with the same reason
            case ServiceOrderPhase.Revoked:
                throw WeChatErrors.Canceled();
            case ServiceOrderPhase.Done:
                throw WeChatErrors.Done();
            default:
                throw WeChatErrors.InvalidState("当前订单状态不满足撤销条件", 271316592);
        }
    }

    /// <summary>
    /// Complete (§5): DOING/USER_CONFIRM → DOING/MCH_COMPLETE + USER_PAYING (then collected as configured), or DONE for
    /// a zero amount. An identical complete after a lost answer is answered again.
    /// </summary>
    public void Complete(OrderRecord record, CompleteRequest request, ReadOnlyMemory<byte> body, RegisteredService? service, DateTimeOffset now,
        OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        ApplyDue(record, now, changes);
        if (record.CompleteBody is { } previous && record.Phase is ServiceOrderPhase.AwaitingPayment or ServiceOrderPhase.Done &&
            SameJson(previous, body))
        {
            return;
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

        var total = request.TotalAmount!.Value;
        if (record.Order.RiskFund is { Name: not RiskFundNames.EstimateOrderCost } risk && total > risk.Amount)
        {
            throw WeChatErrors.ParamMessage("总金额超过服务风险金额", "/total_amount", total.ToString(CultureInfo.InvariantCulture), 271316656);
        }

        if (service is not null && total > service.RiskCap)
        {
            throw WeChatErrors.ParamMessage("总金额超过服务风险金额上限", "/total_amount", total.ToString(CultureInfo.InvariantCulture), 271316656);
        }

        var sent = request.TimeRange is { } wireRange ? WireTimes.Range(wireRange) : null;
        var range = TimeRules.Complete(record.Order.TimeRange, sent, now.ToOffset(ServiceTime.BeijingOffset));
        record.CompleteBody = Encoding.UTF8.GetString(body.Span);
        record.Order = record.Order with
        {
            PostPayments = WireMapping.Payments(request.PostPayments),
            PostDiscounts = WireMapping.Discounts(request.PostDiscounts),
            TotalAmount = total,
            TimeRange = range,
            Location = WireMapping.Location(request.Location) ?? record.Order.Location,
        };

        if (total == 0)
        {
            // Zero-amount completion: straight to DONE, nothing to collect, no USER_PAID callback (spec §5, emulator choice).
            record.Order = record.Order with { State = ServiceOrderStatus.Done, StateDescription = null, NeedCollection = false, Collection = null };
            Touch(record, now, changes);
            return;
        }

        record.Order = record.Order with
        {
            State = ServiceOrderStatus.Doing,
            StateDescription = ServiceOrderStatus.MchComplete,
            NeedCollection = true,
            Collection = new CollectionInfo { State = ServiceOrderStatus.UserPaying, TotalAmount = total, PayingAmount = total, PaidAmount = 0, Details = [] },
        };
        Touch(record, now, changes);
        switch (collectionMode)
        {
            case CollectionMode.Immediate:
                Collections.Collect(record, now, now, changes);
                break;
            case CollectionMode.Delayed:
                record.CollectionDueAt = now + collectionDelay;
                break;
            default:
                record.PaymentBlocked = true;
                record.FailedDeductions++;
                break;
        }
    }

    /// <summary>Modify (§6.1): only lowers the amount of a completed, unpaid order; down to what was already paid makes it DONE.</summary>
    public void Modify(OrderRecord record, ModifyRequest request, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ApplyDue(record, now, changes);
        EnsureAwaitingPayment(record, "仅服务订单支付状态为待支付时，才可使用此能力", 271316657);
        Collections.Modify(record, request, now, changes);
    }

    /// <summary>Sync (§6.3): the user paid the merchant elsewhere — DONE / USER_PAID with an <c>MCH</c> detail, no callback.</summary>
    public void Sync(OrderRecord record, SyncRequest request, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ApplyDue(record, now, changes);
        EnsureAwaitingPayment(record, "订单状态不合法，仅待支付的订单可以同步支付状态", 271302262);
        Collections.Sync(record, request, now, changes);
    }

    /// <summary>Pay (§6.2): the merchant-triggered deduction of the rest succeeds (FailUntilMerchant ends here).</summary>
    public void Pay(OrderRecord record, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ApplyDue(record, now, changes);
        EnsureAwaitingPayment(record, "订单状态不合法，仅待支付的订单可以收款", 271302262);
        Collections.Collect(record, now, now, changes);
    }

    /// <summary>Opens the confirm page with the order's package: it is spent from now on, whatever the user does next.</summary>
    public PackageOpening OpenPackage(OrderRecord record, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ApplyDue(record, now, changes);
        if (record.PackageSpent)
        {
            return PackageOpening.Spent;
        }

        if (record.PackageIssuedAt is not { } issued || now - issued > PackageLifetime)
        {
            return PackageOpening.Expired;
        }

        record.PackageSpent = true;
        changes.Save();
        return record.Phase == ServiceOrderPhase.Created ? PackageOpening.Opened : PackageOpening.NotConfirmable;
    }

    /// <summary>The user confirms (§9 T2): CREATED → DOING/USER_CONFIRM, openid set, OnAccept fixed, USER_CONFIRM sent.</summary>
    public void Confirm(OrderRecord record, string user, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ApplyDue(record, now, changes);
        if (record.Phase != ServiceOrderPhase.Created)
        {
            throw new SandboxControlException(409, "INVALID_ORDER_STATE",
                $"订单当前状态为 {record.Order.Status}，不能确认 (the order is {record.Order.Status}, not CREATED).");
        }

        var order = record.Order;
        var range = order.TimeRange;
        if (range?.StartTime is { IsOnAccept: true })
        {
            range = range with { StartTime = ServiceTime.At(now.ToOffset(ServiceTime.BeijingOffset)) };
        }

        record.Order = order with
        {
            State = ServiceOrderStatus.Doing,
            StateDescription = ServiceOrderStatus.UserConfirm,
            OpenId = SandboxUsers.OpenIdFor(order.AppId ?? string.Empty, user),
            SubOpenId = order.SubAppId is { } subAppId ? SandboxUsers.OpenIdFor(subAppId, user) : null,
            TimeRange = range,
        };
        record.ConfirmedBy = user;
        record.ConfirmedAt = now;
        Touch(record, now, changes);
        changes.Publish(PayScoreCallback.UserConfirmEvent);
        changes.Note("confirmed by simulated user " + user);
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

    private static bool SameJson(string stored, ReadOnlyMemory<byte> received)
    {
        using var left = JsonDocument.Parse(stored);
        using var right = JsonDocument.Parse(received);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }

    private static void Touch(OrderRecord record, DateTimeOffset now, OrderChanges changes)
    {
        record.UpdatedAt = now;
        changes.Change();
    }

    /// <summary>
    /// Control API: the simulated user's payment succeeds now, or fails (and keeps failing until pay/sync/succeed). With
    /// <paramref name="amount"/> only that part is collected (a NEWTON detail and a <c>USER_PAID</c> callback; the order
    /// stays DOING/MCH_COMPLETE + USER_PAYING until the last part). Without an amount the rest is collected.
    /// </summary>
    public void SetPaymentOutcome(OrderRecord record, bool succeed, long? amount, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (amount is not null && !succeed)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "amount applies only to a successful payment (succeed: true).");
        }

        if (amount is <= 0)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", $"amount must be a positive number of fen; got {amount}.");
        }

        ApplyDue(record, now, changes);
        if (record.Phase != ServiceOrderPhase.AwaitingPayment)
        {
            throw new SandboxControlException(409, "INVALID_ORDER_STATE",
                $"The order is {record.Order.Status}; a payment happens only in DOING/MCH_COMPLETE/USER_PAYING.");
        }

        if (amount is { } part)
        {
            var paying = Collections.Unpaid(record);
            if (part > paying)
            {
                throw new SandboxControlException(400, "PARAM_ERROR", $"amount {part} is more than the {paying} fen still to be collected (paying_amount).");
            }

            if (part < paying)
            {
                Collections.AddNewtonDetail(record, now, part, final: false);
                record.UpdatedAt = now;
                changes.Publish(PayScoreCallback.UserPaidEvent);
                changes.Note(string.Create(CultureInfo.InvariantCulture, $"{part} fen collected in part, {Collections.Unpaid(record)} fen still to collect"));
                return;
            }
        }

        if (succeed)
        {
            Collections.Collect(record, now, now, changes);
            return;
        }

        record.PaymentBlocked = true;
        record.CollectionDueAt = null;
        record.FailedDeductions++;
        record.UpdatedAt = now;
        changes.Change();
    }

    /// <summary>Applies the business-clock events of one order: expiry after 30 days in CREATED, a delayed collection that fell due.</summary>
    public static void ApplyDue(OrderRecord record, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(changes);
        if (record.Phase == ServiceOrderPhase.Created && now - record.CreatedAt > ExpireAfter)
        {
            record.Order = record.Order with { State = ServiceOrderStatus.Expired, StateDescription = null };
            record.UpdatedAt = now;
            changes.Change();
            changes.Note("expired after 30 days in CREATED");
        }

        if (record is { PaymentBlocked: false, CollectionDueAt: { } due } && due <= now && record.Phase == ServiceOrderPhase.AwaitingPayment)
        {
            Collections.Collect(record, due, now, changes);
        }
    }

    /// <summary>When the order's next business-clock event is due (a scheduled collection), if any.</summary>
    public static DateTimeOffset? NextDue(OrderRecord record) =>
        record is { PaymentBlocked: false, CollectionDueAt: { } due } && record.Phase == ServiceOrderPhase.AwaitingPayment ? due : null;
}
