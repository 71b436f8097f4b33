using System.Text.Json;
using WxPayScore.Errors;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Journal;

namespace WxPayScore.Server.Admin;

/// <summary>
/// The merchant's WeChat actions on orders: complete, cancel, modify, pay, sync, refresh. Every action is checked
/// locally first (state, totals, field rules: an <see cref="OrderError"/>, nothing written), prepared once by the SDK
/// (<see cref="PreparedCall"/>), journaled with those exact bytes before it is sent and its outcome stored after; the
/// fresh snapshot is applied afterwards. Each answers the order's detail or why not.
/// </summary>
public sealed class AdminOrderActions
{
    private readonly ServiceOrderService wechat;
    private readonly OrderWrites writes;
    private readonly AdminOrderQueries queries;
    private readonly OrderService orders;
    private readonly WeChatCallJournal journal;
    private readonly TimeProvider time;
    private readonly ILogger<AdminOrderActions> logger;
    private readonly Orders.Devices.EndDevices endDevices;

    public AdminOrderActions(ServiceOrderService wechat, OrderWrites writes, AdminOrderQueries queries, OrderService orders, WeChatCallJournal journal,
        TimeProvider time, ILogger<AdminOrderActions> logger, Orders.Devices.EndDevices endDevices)
    {
        this.endDevices = endDevices;
        this.wechat = wechat;
        this.writes = writes;
        this.queries = queries;
        this.orders = orders;
        this.journal = journal;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Largest amount of a line or a total, in fen (¥10 billion): far above any Pay Score risk cap, far below overflow.</summary>
    public const long MaxAmountFen = 1_000_000_000_000;
    public const int MaxFeeLines = 100;
    public const int MaxDiscountLines = 30;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<OrderResult<AdminOrderDetail>> CompleteAsync(string outOrderNo, CompleteOrderRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return MissingBody();
        }

        var (order, current, error) = await LoadAsync(outOrderNo, cancellationToken);
        if (error is not null
            || (error = StateError(current, static s => s.EnsureCanComplete())) is not null
            || (error = Payments(request.Fees, out var payments)) is not null
            || (error = Discounts(request.Discounts, out var discounts)) is not null
            || (error = CheckTotal(request.TotalAmount, payments, discounts, out var total)) is not null
            || (error = CheckEndTime(request.EndTime, current, order!.CreatedAt, out var endTime)) is not null)
        {
            return error;
        }

        var (device, location, deviceError) = await endDevices.ResolveAsync(order, current, request.EndDeviceId, cancellationToken);
        if (deviceError is not null)
        {
            return deviceError;
        }

        var options = new ServiceOrderCompleteOptions
        {
            Device = device,
            Location = location,
            ServiceId = order.ServiceId,
            SubMchId = order.SubMchId,
            PostPayments = payments,
            PostDiscounts = discounts,
            TotalAmount = total,
            TimeRange = new TimeRange { EndTime = ServiceTime.At(endTime) },
            CurrentOrder = current,
        };
        return await SendAsync(order, () => ServiceOrderService.PrepareComplete(order.OutOrderNo, options),
            device is null ? $"complete: total {total}" : $"complete: total {total}, returned at {device.EndDeviceId}",
            s => s.TotalAmount == total && (s.State == "DONE" || s.StateDescription == "MCH_COMPLETE"),
            device?.EndDeviceId is { } endDeviceId ? () => writes.RecordEndDeviceAsync(order.Id, endDeviceId, CancellationToken.None) : null, cancellationToken);
    }

    public async Task<OrderResult<AdminOrderDetail>> CancelAsync(string outOrderNo, CancelOrderRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return MissingBody();
        }

        var (order, current, error) = await LoadAsync(outOrderNo, cancellationToken);
        if (error is null && string.IsNullOrWhiteSpace(request.Reason))
        {
            error = Invalid("reason is required", "Cancelling needs a reason (at most 50 characters), shown to the user.", "reason");
        }

        error ??= StateError(current, static s => s.EnsureCanCancel());
        if (error is not null)
        {
            return error;
        }

        var options = new ServiceOrderCancelOptions { ServiceId = order!.ServiceId, SubMchId = order.SubMchId, Reason = request.Reason!, CurrentOrder = current };
        return await SendAsync(order, () => ServiceOrderService.PrepareCancel(order.OutOrderNo, options), $"cancel: {request.Reason}",
            s => s.State == "REVOKED", null, cancellationToken);
    }

    public async Task<OrderResult<AdminOrderDetail>> ModifyAsync(string outOrderNo, ModifyOrderRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return MissingBody();
        }

        var (order, current, error) = await LoadAsync(outOrderNo, cancellationToken);
        error ??= StateError(current, static s => s.EnsureCanModify());
        if (error is null && string.IsNullOrWhiteSpace(request.Reason))
        {
            error = Invalid("reason is required", "Modifying needs a reason (at most 50 characters).", "reason");
        }

        if (error is not null
            || (error = Payments(request.Fees, out var payments)) is not null
            || (error = Discounts(request.Discounts, out var discounts)) is not null
            || (error = CheckTotal(request.TotalAmount, payments, discounts, out var total)) is not null)
        {
            return error;
        }

        var options = new ServiceOrderModifyOptions
        {
            ServiceId = order!.ServiceId, SubMchId = order.SubMchId, PostPayments = payments, PostDiscounts = discounts,
            TotalAmount = total, Reason = request.Reason!, CurrentOrder = current,
        };
        return await SendAsync(order, () => ServiceOrderService.PrepareModify(order.OutOrderNo, options), $"modify: total {total} ({request.Reason})",
            s => s.TotalAmount == total && s.State is "DOING" or "DONE", null, cancellationToken);
    }

    public async Task<OrderResult<AdminOrderDetail>> PayAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, current, error) = await LoadAsync(outOrderNo, cancellationToken);
        error ??= StateError(current, static s => s.EnsureCanPay());
        if (error is not null)
        {
            return error;
        }

        var options = new ServiceOrderPayOptions { ServiceId = order!.ServiceId, SubMchId = order.SubMchId, CurrentOrder = current };
        return await SendAsync(order, () => ServiceOrderService.PreparePay(order.OutOrderNo, options), "pay: collection requested", s => s.State == "DONE", null,
            cancellationToken);
    }

    public async Task<OrderResult<AdminOrderDetail>> SyncAsync(string outOrderNo, SyncOrderRequest? request, CancellationToken cancellationToken)
    {
        var (order, current, error) = await LoadAsync(outOrderNo, cancellationToken);
        error ??= StateError(current, static s => s.EnsureCanSync());
        var paidTime = request?.PaidTime ?? time.GetUtcNow();
        if (error is null && paidTime > time.GetUtcNow().AddMinutes(1))
        {
            error = Invalid("paidTime is in the future", "paidTime must not be later than now.", "paidTime");
        }

        if (error is not null)
        {
            return error;
        }

        var options = new ServiceOrderSyncOptions
        {
            ServiceId = order!.ServiceId, SubMchId = order.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.At(paidTime) }, CurrentOrder = current,
        };
        return await SendAsync(order, () => ServiceOrderService.PrepareSync(order.OutOrderNo, options), "sync: Order_Paid", s => s.State == "DONE", null, cancellationToken);
    }

    /// <summary>Queries WeChat now and applies the answer.</summary>
    public async Task<OrderResult<AdminOrderDetail>> RefreshAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, _, error) = await LoadAsync(outOrderNo, cancellationToken, requireSnapshot: false);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var snapshot = await QueryAsync(order!, cancellationToken);
            await orders.ApplySnapshotAsync(order!.SubMchId, order.OutOrderNo, snapshot, OrderSource.Admin);
        }
        catch (WeChatPayException ex)
        {
            return WeChatFailed(order!, ex);
        }

        return await queries.DetailAsync(outOrderNo, cancellationToken);
    }

    /// <summary>
    /// Prepares the call (the SDK's field rules: a refusal is an <see cref="OrderErrorKind.Invalid"/> error, nothing
    /// written), journals its exact bytes, sends those bytes, stores the outcome, then applies WeChat's answer or a fresh query.
    /// <paramref name="applied"/> says whether a snapshot shows the action done: when the call fails, WeChat is asked, since
    /// the action may have been applied before its answer was lost and the SDK's resend of the same bytes then refused
    /// (modify: "must be lower than the original", pay / sync: ORDER_DONE) or unanswered; then the merchant is told it is
    /// done, not that WeChat refused it. <paramref name="accepted"/> runs once WeChat has accepted the action.
    /// </summary>
    private async Task<OrderResult<AdminOrderDetail>> SendAsync(OrderRecord order, Func<PreparedCall> prepare, string description,
        Func<ServiceOrder, bool> applied, Func<Task>? accepted, CancellationToken cancellationToken)
    {
        PreparedCall prepared;
        try
        {
            prepared = prepare();
        }
        catch (WeChatPayValidationException ex)
        {
            return Invalid("Invalid order data", ex.Message, ex.Field);
        }

        var operation = WeChatCallOperation.Of(prepared.Operation).ToStoredName();
        using var subMerchantTag = SubMerchantTag.Enter(order.SubMerchantKey);
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("AdminOrderAction");
        activity?.SetTag("wxpayscore.operation", operation);
        activity?.SetTag("wxpayscore.out_order_no", order.OutOrderNo);
        var call = journal.Begin(order.Id, prepared, Now);
        await writes.StartCallAsync(call, CancellationToken.None);

        ServiceOrder? answer;
        try
        {
            answer = await wechat.SendAsync(prepared, CancellationToken.None);
        }
        catch (WeChatPayException ex)
        {
            var failedAt = Now;
            WeChatCallJournal.Failed(call, ex, failedAt);
            if (await AppliedAnywayAsync(order, applied) is { } fresh)
            {
                logger.LogWarning("{Operation} of {OutOrderNo} failed ({Error}), but WeChat shows it done: its first answer was lost", operation, order.OutOrderNo, ex.Message);
                await writes.FinishActionAsync(call, new OrderEventRecord
                {
                    OrderId = order.Id, At = Now, Kind = OrderEventKind.AdminAction, Source = OrderSource.Admin,
                    Detail = $"{description} (done at WeChat; its answer was lost and the repeat failed: {Truncate(ex.Message)})",
                }, dueAt: null, CancellationToken.None);
                if (accepted is not null)
                {
                    await accepted();
                }

                await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, fresh, OrderSource.Admin);
                return await queries.DetailAsync(order.OutOrderNo, cancellationToken);
            }

            await writes.FinishActionAsync(call, new OrderEventRecord
            {
                OrderId = order.Id, At = failedAt, Kind = OrderEventKind.CallFailed, Source = OrderSource.Admin,
                Detail = $"{operation} failed: {Truncate(ex.Message)}",
            }, dueAt: failedAt, CancellationToken.None);
            return WeChatFailed(order, ex);
        }

        var now = Now;
        WeChatCallJournal.Succeeded(call, answer is null ? 204 : 200, now);
        await writes.FinishActionAsync(call, new OrderEventRecord { OrderId = order.Id, At = now, Kind = OrderEventKind.AdminAction, Source = OrderSource.Admin, Detail = description },
            dueAt: null, CancellationToken.None);
        if (accepted is not null)
        {
            await accepted();
        }

        try
        {
            var snapshot = answer ?? await QueryAsync(order, CancellationToken.None);
            await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSource.Admin);
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("After {Operation} of {OutOrderNo} the order could not be queried ({Error}); the reconciler will", operation, order.OutOrderNo, ex.Message);
            await writes.MakeDueAsync(order.Id, Now, CancellationToken.None);
        }

        return await queries.DetailAsync(order.OutOrderNo, cancellationToken);
    }

    /// <summary>WeChat's fresh snapshot when it shows the action done; null when it does not or cannot be queried now.</summary>
    private async Task<ServiceOrder?> AppliedAnywayAsync(OrderRecord order, Func<ServiceOrder, bool> applied)
    {
        try
        {
            var fresh = await QueryAsync(order, CancellationToken.None);
            return applied(fresh) ? fresh : null;
        }
        catch (WeChatPayException)
        {
            return null;
        }
    }

    private async Task<ServiceOrder> QueryAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        using var subMerchantTag = SubMerchantTag.Enter(order.SubMerchantKey);
        var query = ServiceOrderService.PrepareQuery(order.OutOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId });
        return (await journal.RecordAsync(order.Id, query, () => wechat.SendAsync(query, cancellationToken), cancellationToken))!;
    }

    private async Task<(OrderRecord? Order, ServiceOrder Snapshot, OrderError? Error)> LoadAsync(string outOrderNo, CancellationToken cancellationToken,
        bool requireSnapshot = true)
    {
        var order = await queries.FindAsync(outOrderNo, cancellationToken);
        if (order is null)
        {
            return (null, new ServiceOrder(), AdminOrderQueries.NotFound(outOrderNo));
        }

        var snapshot = order.SnapshotJson is { Length: > 0 } json ? JsonSerializer.Deserialize(json, SnapshotJsonContext.Snapshots.ServiceOrder) : null;
        if (snapshot is null && requireSnapshot)
        {
            return (order, new ServiceOrder(), new OrderError(OrderErrorKind.WrongState, "Wrong order state",
                $"Order {outOrderNo} is {order.Phase.ToStoredName()}: WeChat Pay has not confirmed its creation yet.") { OutOrderNo = outOrderNo });
        }

        return (order, snapshot ?? new ServiceOrder { OutOrderNo = order.OutOrderNo }, null);
    }

    private static OrderError? StateError(ServiceOrder current, Action<ServiceOrderStatus> ensure)
    {
        try
        {
            ensure(current.Status);
            return null;
        }
        catch (InvalidServiceOrderStateException ex)
        {
            return new OrderError(OrderErrorKind.WrongState, "Wrong order state", ex.Message) { OutOrderNo = current.OutOrderNo };
        }
    }

    private static OrderError WeChatFailed(OrderRecord order, WeChatPayException exception) =>
        new(OrderErrorKind.WeChatFailed, "WeChat Pay error", exception.Message) { OutOrderNo = order.OutOrderNo, WeChat = exception };

    private static OrderError Invalid(string title, string detail, string? field) => new(OrderErrorKind.Invalid, title, detail) { Field = field };

    /// <summary>
    /// The real end of the service (WeChat: not in the future, not before the start time): checked here so that a bad
    /// value is a 400 naming the field, not WeChat's refusal as a 502.
    /// </summary>
    private OrderError? CheckEndTime(DateTimeOffset? requested, ServiceOrder current, long orderCreatedAt, out DateTimeOffset endTime)
    {
        var now = time.GetUtcNow();
        endTime = requested ?? now;
        if (endTime > now.AddMinutes(1))
        {
            return Invalid("endTime is in the future", "endTime, the real end of the service, must not be later than now.", "endTime");
        }

        // The service starts at the confirmation (start_time), which is never before the order was created.
        var start = current.TimeRange?.StartTime is { IsOnAccept: false } known ? known.Value : DateTimeOffset.FromUnixTimeMilliseconds(orderCreatedAt);
        return endTime < start
            ? Invalid("endTime is before the start",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"endTime must not be earlier than the service's start ({start:yyyy-MM-dd HH:mm:ss zzz})."),
                "endTime")
            : null;
    }

    private static OrderError? Payments(IReadOnlyList<FeeLineRequest>? fees, out PostPayment[] payments)
    {
        payments = [];
        if (fees is null || fees.Count == 0)
        {
            return Invalid("fees are required", "At least one fee line is required: [{ \"name\", \"amount\", \"description\" }].", "fees");
        }

        if (fees.Count > MaxFeeLines)
        {
            return Invalid("Too many fee lines", $"At most {MaxFeeLines} fee lines are allowed.", "fees");
        }

        for (var i = 0; i < fees.Count; i++)
        {
            if (fees[i] is null || string.IsNullOrWhiteSpace(fees[i].Name))
            {
                return Invalid("Fee line without a name", $"fees[{i}].name is required.", $"fees[{i}].name");
            }

            if (fees[i].Amount is null or < 0)
            {
                return Invalid("Fee line without an amount", $"fees[{i}].amount is required at completion (fen, ≥ 0).", $"fees[{i}].amount");
            }

            if (CheckLine("fees", i, fees[i].Amount!.Value, fees[i].Count) is { } error)
            {
                return error;
            }
        }

        payments = fees.Select(f => new PostPayment { Name = f.Name, Amount = f.Amount, Description = f.Description, Count = f.Count }).ToArray();
        return null;
    }

    private static OrderError? Discounts(IReadOnlyList<DiscountLineRequest>? discounts, out PostDiscount[]? lines)
    {
        lines = null;
        if (discounts is null || discounts.Count == 0)
        {
            return null;
        }

        if (discounts.Count > MaxDiscountLines)
        {
            return Invalid("Too many discount lines", $"At most {MaxDiscountLines} discount lines are allowed.", "discounts");
        }

        for (var i = 0; i < discounts.Count; i++)
        {
            if (discounts[i] is null || discounts[i].Amount is null or < 0)
            {
                return Invalid("Discount line without an amount", $"discounts[{i}].amount is required (fen, ≥ 0).", $"discounts[{i}].amount");
            }

            if (CheckLine("discounts", i, discounts[i].Amount!.Value, discounts[i].Count) is { } error)
            {
                return error;
            }
        }

        lines = discounts.Select(d => new PostDiscount { Name = d.Name, Description = d.Description, Amount = d.Amount, Count = d.Count }).ToArray();
        return null;
    }

    private static OrderError? CheckLine(string list, int index, long amount, int? count)
    {
        if (amount > MaxAmountFen)
        {
            return Invalid("Amount out of range", $"{list}[{index}].amount must be at most {MaxAmountFen} fen.", $"{list}[{index}].amount");
        }

        return count is < 1 or > 100 ? Invalid("Count out of range", $"{list}[{index}].count must be 1..100.", $"{list}[{index}].count") : null;
    }

    private static OrderError? CheckTotal(long? totalAmount, PostPayment[] payments, PostDiscount[]? discounts, out long total)
    {
        total = 0;
        if (totalAmount is < 0 or > MaxAmountFen)
        {
            return Invalid("Amount out of range", $"totalAmount must be 0..{MaxAmountFen} fen.", "totalAmount");
        }

        // Each line is at most MaxAmountFen and there are at most 130 lines: no overflow, and checked says so if that ever changes.
        var expected = checked(payments.Sum(p => p.Amount ?? 0) - (discounts?.Sum(d => d.Amount ?? 0) ?? 0));
        if (totalAmount is null)
        {
            return Invalid("totalAmount is required", $"totalAmount is required; fees − discounts = {expected}.", "totalAmount");
        }

        if (totalAmount != expected)
        {
            return new OrderError(OrderErrorKind.TotalMismatch, "Total mismatch", $"totalAmount {totalAmount} does not equal Σ fees − Σ discounts = {expected}.")
            {
                Field = "totalAmount", Expected = expected,
            };
        }

        if (expected < 0)
        {
            return new OrderError(OrderErrorKind.TotalMismatch, "Negative total", $"Σ fees − Σ discounts = {expected} is negative.") { Field = "totalAmount" };
        }

        total = expected;
        return null;
    }

    private static OrderError MissingBody() => Invalid("Body required", "The request needs a JSON body.", null);

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
