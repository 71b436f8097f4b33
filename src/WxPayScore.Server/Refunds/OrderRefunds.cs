using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Server.Admin;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// The merchant's refunds of a collected order (refunds.md §9). A request is planned across the order's collection
/// details by the SDK's <see cref="RefundPlanner"/> (DONE orders only, <c>MCH</c> details skipped, each detail's remaining
/// balance from the ledger) under the order's lock; the ledger rows and the journal rows of their creates commit before
/// anything is sent; then each prepared create is sent (its same bytes on a retry) and its outcome stored. A request that
/// cannot be planned writes and sends nothing.
/// </summary>
public sealed class OrderRefunds
{
    /// <summary>Largest refund accepted in one request, in fen (as the admin's amounts).</summary>
    public const long MaxAmountFen = AdminOrderActions.MaxAmountFen;

    /// <summary>WeChat's limit of <c>reason</c>, in UTF-8 bytes.</summary>
    public const int MaxReasonBytes = 80;

    private readonly OrderWrites writes;
    private readonly OrderReads reads;
    private readonly AdminOrderQueries queries;
    private readonly WeChatCallJournal journal;
    private readonly RefundSender sender;
    private readonly NotifyUrlProvider notifyUrls;
    private readonly RefundTransitions transitions;
    private readonly TimeProvider time;

    public OrderRefunds(OrderWrites writes, OrderReads reads, AdminOrderQueries queries, WeChatCallJournal journal, RefundSender sender, NotifyUrlProvider notifyUrls,
        RefundTransitions transitions, TimeProvider time)
    {
        this.writes = writes;
        this.reads = reads;
        this.queries = queries;
        this.journal = journal;
        this.sender = sender;
        this.notifyUrls = notifyUrls;
        this.transitions = transitions;
        this.time = time;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<OrderResult<AdminRefundList>> CreateAsync(string outOrderNo, CreateRefundRequest? request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var order = await queries.FindAsync(outOrderNo, cancellationToken);
        if (order is null)
        {
            return AdminOrderQueries.NotFound(outOrderNo);
        }

        using var subMerchantTag = SubMerchantTag.Enter(order.SubMerchantKey);
        var amount = request!.Amount!.Value;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var notifyUrl = notifyUrls.GetRefund();
        var prepared = new List<PreparedCall>();
        OrderError? refusal = null;
        var planned = await writes.InsertRefundsAsync(order.SubMchId, order.OutOrderNo, (locked, existing) =>
        {
            (var plan, refusal) = Plan(locked, existing, amount, reason, notifyUrl, prepared);
            return plan;
        }, CancellationToken.None);
        if (planned is null)
        {
            return refusal ?? AdminOrderQueries.NotFound(outOrderNo);
        }

        // Committed: now each create goes to WeChat, its outcome stored (a refusal makes the refund FAILED, an unknown
        // outcome leaves it PENDING for the reconciler, which asks WeChat and resends these very bytes if needed).
        var refused = new List<(RefundRecord Refund, WeChatPayException Error)>();
        for (var i = 0; i < planned.Refunds.Count; i++)
        {
            var (refund, call) = planned.Refunds[i];
            if (await sender.SendAsync(refund, prepared[i], call, OrderSource.Admin) is { } error)
            {
                refused.Add((refund, error));
            }
        }

        if (refused.Count > 0)
        {
            var error = refused[0].Error;
            return new OrderError(OrderErrorKind.WeChatFailed, "WeChat Pay refused the refund",
                $"WeChat Pay refused {string.Join(", ", refused.Select(r => r.Refund.OutRefundNo))}: {error.Message} (see GET …/refunds).")
            {
                OutOrderNo = outOrderNo, WeChat = error, Reason = "wechat_refused",
            };
        }

        return await ListAsync(outOrderNo, cancellationToken);
    }

    /// <summary>The order's refunds, details and balances.</summary>
    public async Task<OrderResult<AdminRefundList>> ListAsync(string outOrderNo, CancellationToken cancellationToken)
    {
        await using var db = await reads.OpenAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo, cancellationToken);
        if (order is null)
        {
            return AdminOrderQueries.NotFound(outOrderNo);
        }

        var refunds = await db.Refunds.Where(r => r.OrderId == order.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var snapshot = Snapshot(order);
        var existing = refunds.Select(r => r.ToExisting()).ToList();
        var details = (snapshot?.Collection?.Details ?? []).OrderBy(d => d.Seq).Select(d =>
        {
            var held = d.TransactionId is { } id ? refunds.Where(r => r.TransactionId == id && r.Phase.HoldsAmount()).Sum(r => r.Amount) : 0;
            var refundable = snapshot!.Status.IsPaid && d is { PaidType: "NEWTON", TransactionId.Length: > 0 } ? Math.Max(0, d.Amount - held) : 0;
            return new AdminRefundDetail(d.Seq, d.PaidType, d.TransactionId, d.PaidTime, d.Amount, held, refundable);
        }).ToArray();
        return new AdminRefundList(order.OutOrderNo, order.State, order.PaidAmount,
            refunds.Where(r => r.Phase == RefundPhase.Success).Sum(r => r.Amount),
            refunds.Where(r => r.Phase.HoldsAmount() && r.Phase != RefundPhase.Success).Sum(r => r.Amount),
            snapshot is null ? 0 : RefundPlanner.Refundable(snapshot, existing, time.GetUtcNow()),
            details, refunds.Select(AdminRefundView.From).ToArray());
    }

    /// <summary>
    /// Under the order's lock: the plan (or why not), each part's ledger row, its prepared create (collected in
    /// <paramref name="prepared"/>, in order) and journal row, and the order's history entries.
    /// </summary>
    private (PlannedRefunds? Plan, OrderError? Error) Plan(OrderRecord? order, IReadOnlyList<RefundRecord> existing, long amount, string? reason, string? notifyUrl,
        List<PreparedCall> prepared)
    {
        prepared.Clear();
        if (order is null)
        {
            return (null, null);
        }

        var snapshot = Snapshot(order);
        if (snapshot is null)
        {
            return (null, NotRefundable(order, RefundPlanFailure.NotCollected,
                $"Order {order.OutOrderNo} is {order.Phase.ToStoredName()}: nothing was collected; refunds start once it is DONE.", 0));
        }

        var now = Now;
        RefundPlan plan;
        try
        {
            plan = RefundPlanner.Plan(snapshot, amount, existing.Select(r => r.ToExisting()), time.GetUtcNow());
        }
        catch (RefundPlanException ex)
        {
            return (null, NotRefundable(order, ex.Failure, ex.Message, ex.Refundable));
        }

        var rows = new List<(RefundRecord, WeChatCallRecord)>();
        var entries = new List<OrderEventRecord>();
        var number = existing.Count;
        foreach (var part in plan.Parts)
        {
            var outRefundNo = RefundNumber(order, ++number);
            PreparedCall call;
            try
            {
                call = RefundService.PrepareCreate(Options(order.SubMchId, part.TransactionId, outRefundNo, reason, notifyUrl, part.Refund, part.Total));
            }
            catch (WeChatPayValidationException ex)
            {
                return (null, new OrderError(OrderErrorKind.Invalid, "Invalid refund", ex.Message) { Field = ex.Field == "reason" ? "reason" : ex.Field, OutOrderNo = order.OutOrderNo });
            }

            prepared.Add(call);
            var refund = new RefundRecord
            {
                OrderId = order.Id, SubMchId = order.SubMchId, OutRefundNo = outRefundNo, OutOrderNo = order.OutOrderNo, TransactionId = part.TransactionId,
                DetailSeq = part.Seq, DetailAmount = part.Total, Amount = part.Refund, Reason = reason, NotifyUrl = notifyUrl, Phase = RefundPhase.Pending,
                CreatedAt = now, UpdatedAt = now, NextCheckAt = transitions.NextCheck(now, 0), // a crash before the outcome is stored: the reconciler asks then
            };
            rows.Add((refund, journal.Begin(order.Id, call, now)));
            entries.Add(new OrderEventRecord
            {
                OrderId = order.Id, At = now, Kind = OrderEventKind.RefundRequested, Source = OrderSource.Admin,
                Detail = $"refund {outRefundNo}: {part.Refund} fen of detail #{part.Seq} ({part.TransactionId}, {part.RefundableBefore} refundable){(reason is null ? "" : " — " + reason)}",
            });
        }

        return (new PlannedRefunds(rows, entries), null);
    }

    /// <summary>The create's options from a ledger row: the reconciler rebuilds the very same bytes from them.</summary>
    internal static RefundCreateOptions Options(RefundRecord refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Options(refund.SubMchId, refund.TransactionId, refund.OutRefundNo, refund.Reason, refund.NotifyUrl, refund.Amount, refund.DetailAmount);
    }

    private static RefundCreateOptions Options(string subMchId, string transactionId, string outRefundNo, string? reason, string? notifyUrl, long refund, long total) => new()
    {
        SubMchId = subMchId, TransactionId = transactionId, OutRefundNo = outRefundNo, Reason = reason, NotifyUrl = notifyUrl,
        Amount = new RefundAmountOptions { Refund = refund, Total = total, Currency = "CNY" },
    };

    /// <summary>
    /// <c>out_refund_no</c>, unique SP-wide (refunds.md §9.3): the order's number, the refund's ordinal in the order and the
    /// sub-merchant; a hash of the last two when that is longer than WeChat's 64 bytes.
    /// </summary>
    internal static string RefundNumber(OrderRecord order, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(order);
        var number = $"{order.OutOrderNo}-R{ordinal:D3}-{order.SubMchId}";
        if (number.Length <= 64)
        {
            return number;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(order.SubMchId + "/" + order.OutOrderNo)))[..40];
        return $"R{ordinal:D3}-{hash}";
    }

    private static ServiceOrder? Snapshot(OrderRecord order) =>
        order.SnapshotJson is { Length: > 0 } json ? JsonSerializer.Deserialize(json, SnapshotJsonContext.Snapshots.ServiceOrder) : null;

    private static OrderError NotRefundable(OrderRecord order, RefundPlanFailure failure, string detail, long refundable)
    {
        var (kind, title, reason) = failure switch
        {
            RefundPlanFailure.InvalidAmount => (OrderErrorKind.Invalid, "Invalid amount", "invalid_amount"),
            RefundPlanFailure.NotCollected => (OrderErrorKind.WrongState, "Order not collected", "not_collected"),
            RefundPlanFailure.NothingRefundable => (OrderErrorKind.NotRefundable, "Nothing refundable through WeChat", "nothing_refundable"),
            RefundPlanFailure.RefundLimitReached => (OrderErrorKind.NotRefundable, "Refund limit reached", "refund_limit_reached"),
            RefundPlanFailure.WindowPassed => (OrderErrorKind.NotRefundable, "Refund window passed", "window_passed"),
            _ => (OrderErrorKind.NotRefundable, "Amount exceeds what is refundable", "exceeds_refundable"),
        };
        return new OrderError(kind, title, detail)
        {
            OutOrderNo = order.OutOrderNo, Reason = reason, Expected = refundable, Field = kind == OrderErrorKind.WrongState ? null : "amount",
        };
    }

    private static OrderError? Validate(CreateRefundRequest? request)
    {
        if (request is null)
        {
            return new OrderError(OrderErrorKind.Invalid, "Body required", "The request needs a JSON body: { \"amount\": fen, \"reason\": \"…\" }.");
        }

        if (request.Amount is not { } amount || amount < 1 || amount > MaxAmountFen)
        {
            return new OrderError(OrderErrorKind.Invalid, "Invalid amount", $"amount is required: the refund in fen, 1..{MaxAmountFen}.") { Field = "amount", Reason = "invalid_amount" };
        }

        if (request.Reason is { } reason && Encoding.UTF8.GetByteCount(reason.Trim()) > MaxReasonBytes)
        {
            return new OrderError(OrderErrorKind.Invalid, "Reason too long",
                $"reason is at most {MaxReasonBytes} bytes in UTF-8 (a Chinese character is 3); got {Encoding.UTF8.GetByteCount(reason.Trim())}.") { Field = "reason" };
        }

        return null;
    }
}
