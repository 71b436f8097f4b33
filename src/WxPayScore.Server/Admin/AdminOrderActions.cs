using System.Text.Json;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.ServiceOrders;
using WxPayScore.Server.Journal;

namespace WxPayScore.Server.Admin;

/// <summary>
/// The merchant's WeChat actions on orders: complete, cancel, modify, pay, sync, refresh. Every action is checked
/// locally first (state, totals, field rules — a 4xx, nothing written), then journaled before it is sent and its
/// outcome stored after; the fresh snapshot is applied afterwards. Each answers the order's detail.
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

    public AdminOrderActions(ServiceOrderService wechat, OrderWrites writes, AdminOrderQueries queries, OrderService orders, WeChatCallJournal journal,
        TimeProvider time, ILogger<AdminOrderActions> logger)
    {
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
            TimeRange = new TimeRange { EndTime = ServiceTime.At(CheckEndTime(body.EndTime, current, order.CreatedAt)) },
            CurrentOrder = current,
        };
        ServiceOrderValidator.ValidateComplete(options);
        await SendAsync(order, WeChatCallOperations.Complete, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions),
            $"complete: total {total}", () => wechat.CompleteAsync(order.OutOrderNo, options, CancellationToken.None),
            s => s.TotalAmount == total && (s.State == "DONE" || s.StateDescription == "MCH_COMPLETE"));
        return await queries.DetailAsync(outOrderNo, cancellationToken);
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
            $"cancel: {body.Reason}", () => wechat.CancelAsync(order.OutOrderNo, options, CancellationToken.None), s => s.State == "REVOKED");
        return await queries.DetailAsync(outOrderNo, cancellationToken);
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
            $"modify: total {total} ({body.Reason})", () => wechat.ModifyAsync(order.OutOrderNo, options, CancellationToken.None),
            s => s.TotalAmount == total && s.State is "DOING" or "DONE");
        return await queries.DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> PayAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanPay();
        var options = new ServiceOrderPayOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId, CurrentOrder = current };
        await SendAsync(order, WeChatCallOperations.Pay, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions),
            "pay: collection requested", () => wechat.PayAsync(order.OutOrderNo, options, CancellationToken.None), s => s.State == "DONE");
        return await queries.DetailAsync(outOrderNo, cancellationToken);
    }

    public async Task<AdminOrderDetail> SyncAsync(string outOrderNo, SyncOrderRequest? request, CancellationToken cancellationToken)
    {
        var (order, current) = await LoadAsync(outOrderNo, cancellationToken);
        current.Status.EnsureCanSync();
        var paidTime = request?.PaidTime ?? time.GetUtcNow();
        if (paidTime > time.GetUtcNow().AddMinutes(1))
        {
            throw new ApiProblemException(400, "paidTime is in the future", "paidTime must not be later than now.", ProblemTypes.Validation).With("field", "paidTime");
        }

        var options = new ServiceOrderSyncOptions
        {
            ServiceId = order.ServiceId, SubMchId = order.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.At(paidTime) }, CurrentOrder = current,
        };
        ServiceOrderValidator.ValidateSync(options);
        await SendAsync(order, WeChatCallOperations.Sync, JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions),
            "sync: Order_Paid", () => wechat.SyncAsync(order.OutOrderNo, options, CancellationToken.None), s => s.State == "DONE");
        return await queries.DetailAsync(outOrderNo, cancellationToken);
    }

    /// <summary>Queries WeChat now and applies the answer.</summary>
    public async Task<AdminOrderDetail> RefreshAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        var (order, _) = await LoadAsync(outOrderNo, cancellationToken, requireSnapshot: false);
        var snapshot = await QueryAsync(order, cancellationToken);
        await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSources.Admin);
        return await queries.DetailAsync(outOrderNo, cancellationToken);
    }

    // applied: whether a snapshot shows the action done. When the call fails, WeChat is asked: the action may have been
    // applied before its answer was lost, the SDK's resend of the same bytes then refused (modify: "must be lower than
    // the original", pay / sync: ORDER_DONE) or unanswered. Then the merchant is told it is done, not that WeChat refused it.
    private async Task SendAsync(OrderRecord order, string operation, byte[] body, string description, Func<Task<ServiceOrder?>> send,
        Func<ServiceOrder, bool> applied)
    {
        using var activity = ServerDiagnostics.ActivitySource.StartActivity("AdminOrderAction");
        activity?.SetTag("wxpayscore.operation", operation);
        activity?.SetTag("wxpayscore.out_order_no", order.OutOrderNo);
        var call = journal.Begin(order.Id, operation, WeChatCallOperations.TargetOf(operation, order.OutOrderNo), body, Now);
        await writes.StartCallAsync(call, CancellationToken.None);

        ServiceOrder? answer;
        try
        {
            answer = await send();
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
                    OrderId = order.Id, At = Now, Kind = OrderEventKinds.AdminAction, Source = OrderSources.Admin,
                    Detail = $"{description} (done at WeChat; its answer was lost and the repeat failed: {Truncate(ex.Message)})",
                }, dueAt: null, CancellationToken.None);
                await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, fresh, OrderSources.Admin);
                return;
            }

            await writes.FinishActionAsync(call, new OrderEventRecord
            {
                OrderId = order.Id, At = failedAt, Kind = OrderEventKinds.CallFailed, Source = OrderSources.Admin,
                Detail = $"{operation} failed: {Truncate(ex.Message)}",
            }, dueAt: failedAt, CancellationToken.None);
            throw;
        }

        var now = Now;
        WeChatCallJournal.Succeeded(call, answer is null ? 204 : 200, now);
        await writes.FinishActionAsync(call, new OrderEventRecord { OrderId = order.Id, At = now, Kind = OrderEventKinds.AdminAction, Source = OrderSources.Admin, Detail = description },
            dueAt: null, CancellationToken.None);

        try
        {
            var snapshot = answer ?? await QueryAsync(order, CancellationToken.None);
            await orders.ApplySnapshotAsync(order.SubMchId, order.OutOrderNo, snapshot, OrderSources.Admin);
        }
        catch (WeChatPayException ex)
        {
            logger.LogWarning("After {Operation} of {OutOrderNo} the order could not be queried ({Error}); the reconciler will", operation, order.OutOrderNo, ex.Message);
            await writes.MakeDueAsync(order.Id, Now, CancellationToken.None);
        }
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

    private Task<ServiceOrder> QueryAsync(OrderRecord order, CancellationToken cancellationToken) =>
        journal.RecordAsync(order.Id, WeChatCallOperations.Query, WeChatCallOperations.TargetOf(WeChatCallOperations.Query, order.OutOrderNo),
            () => wechat.GetAsync(order.OutOrderNo, new ServiceOrderGetOptions { ServiceId = order.ServiceId, SubMchId = order.SubMchId }, cancellationToken),
            cancellationToken);

    private async Task<(OrderRecord Order, ServiceOrder Snapshot)> LoadAsync(string outOrderNo, CancellationToken cancellationToken, bool requireSnapshot = true)
    {
        var order = await queries.FindAsync(outOrderNo, cancellationToken) ?? throw AdminOrderQueries.NotFound(outOrderNo);
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

    /// <summary>
    /// The real end of the service (WeChat: not in the future, not before the start time): checked here so that a bad
    /// value is a 400 naming the field, not WeChat's refusal as a 502.
    /// </summary>
    private DateTimeOffset CheckEndTime(DateTimeOffset? requested, ServiceOrder current, long orderCreatedAt)
    {
        var now = time.GetUtcNow();
        var endTime = requested ?? now;
        if (endTime > now.AddMinutes(1))
        {
            throw new ApiProblemException(400, "endTime is in the future", "endTime, the real end of the service, must not be later than now.", ProblemTypes.Validation)
                .With("field", "endTime");
        }

        // The service starts at the confirmation (start_time), which is never before the order was created.
        var start = current.TimeRange?.StartTime is { IsOnAccept: false } known ? known.Value : DateTimeOffset.FromUnixTimeMilliseconds(orderCreatedAt);
        if (endTime < start)
        {
            throw new ApiProblemException(400, "endTime is before the start",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"endTime must not be earlier than the service's start ({start:yyyy-MM-dd HH:mm:ss zzz})."),
                ProblemTypes.Validation).With("field", "endTime");
        }

        return endTime;
    }

    private static PostPayment[] Payments(IReadOnlyList<FeeLineRequest>? fees)
    {
        if (fees is null || fees.Count == 0)
        {
            throw new ApiProblemException(400, "fees are required", "At least one fee line is required: [{ \"name\", \"amount\", \"description\" }].").With("field", "fees");
        }

        if (fees.Count > MaxFeeLines)
        {
            throw new ApiProblemException(400, "Too many fee lines", $"At most {MaxFeeLines} fee lines are allowed.", ProblemTypes.Validation).With("field", "fees");
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

            CheckLine("fees", i, fees[i].Amount!.Value, fees[i].Count);
        }

        return fees.Select(f => new PostPayment { Name = f.Name, Amount = f.Amount, Description = f.Description, Count = f.Count }).ToArray();
    }

    private static PostDiscount[]? Discounts(IReadOnlyList<DiscountLineRequest>? discounts)
    {
        if (discounts is null || discounts.Count == 0)
        {
            return null;
        }

        if (discounts.Count > MaxDiscountLines)
        {
            throw new ApiProblemException(400, "Too many discount lines", $"At most {MaxDiscountLines} discount lines are allowed.", ProblemTypes.Validation)
                .With("field", "discounts");
        }

        for (var i = 0; i < discounts.Count; i++)
        {
            if (discounts[i] is null || discounts[i].Amount is null or < 0)
            {
                throw new ApiProblemException(400, "Discount line without an amount", $"discounts[{i}].amount is required (fen, ≥ 0).").With("field", $"discounts[{i}].amount");
            }

            CheckLine("discounts", i, discounts[i].Amount!.Value, discounts[i].Count);
        }

        return discounts.Select(d => new PostDiscount { Name = d.Name, Description = d.Description, Amount = d.Amount, Count = d.Count }).ToArray();
    }

    private static void CheckLine(string list, int index, long amount, int? count)
    {
        if (amount > MaxAmountFen)
        {
            throw new ApiProblemException(400, "Amount out of range", $"{list}[{index}].amount must be at most {MaxAmountFen} fen.", ProblemTypes.Validation)
                .With("field", $"{list}[{index}].amount");
        }

        if (count is < 1 or > 100)
        {
            throw new ApiProblemException(400, "Count out of range", $"{list}[{index}].count must be 1..100.", ProblemTypes.Validation)
                .With("field", $"{list}[{index}].count");
        }
    }

    private static long CheckTotal(long? totalAmount, PostPayment[] payments, PostDiscount[]? discounts)
    {
        if (totalAmount is < 0 or > MaxAmountFen)
        {
            throw new ApiProblemException(400, "Amount out of range", $"totalAmount must be 0..{MaxAmountFen} fen.", ProblemTypes.Validation).With("field", "totalAmount");
        }

        // Each line is at most MaxAmountFen and there are at most 130 lines: no overflow, and checked says so if that ever changes.
        var expected = checked(payments.Sum(p => p.Amount ?? 0) - (discounts?.Sum(d => d.Amount ?? 0) ?? 0));
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

    private static ApiProblemException MissingBody() =>
        new(400, "Body required", "The request needs a JSON body.", ProblemTypes.Validation);

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
