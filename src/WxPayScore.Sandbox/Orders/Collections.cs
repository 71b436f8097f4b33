using System.Globalization;
using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>Collections of a completed order (spec §3 Collection, §7.3): NEWTON details, paid and paying amounts, USER_PAID.</summary>
internal static class Collections
{
    private const string NewtonPaidType = "NEWTON";
    private const string MerchantPaidType = "MCH";

    /// <summary>What is still to be collected: <c>collection.total_amount − collection.paid_amount</c>.</summary>
    public static long Unpaid(OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var collection = record.Order.Collection ?? new CollectionInfo();
        var total = collection.TotalAmount ?? record.Order.TotalAmount ?? 0;
        return Math.Max(0, total - (collection.PaidAmount ?? 0));
    }

    /// <summary>The deduction of the rest succeeds at <paramref name="at"/>: DONE / USER_PAID, a NEWTON detail with a transaction_id, USER_PAID callback.</summary>
    public static void Collect(OrderRecord record, DateTimeOffset at, DateTimeOffset now, OrderChanges changes)
    {
        var rest = Unpaid(record);
        AddNewtonDetail(record, at, rest, final: true);
        record.CollectionDueAt = null;
        record.PaymentBlocked = false;
        record.UpdatedAt = now;
        changes.Publish(PayScoreCallback.UserPaidEvent);
        changes.Note(string.Create(CultureInfo.InvariantCulture, $"paid by the simulated user ({rest} fen)"));
    }

    public static void AddNewtonDetail(OrderRecord record, DateTimeOffset at, long amount, bool final)
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

    /// <summary>Modify (§6.1): only lowers the amount of a completed, unpaid order; down to what was already paid makes it DONE.</summary>
    public static void Modify(OrderRecord record, ModifyRequest request, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        var total = request.TotalAmount!.Value;
        var current = record.Order.TotalAmount ?? record.Order.Collection?.TotalAmount ?? 0;
        if (total >= current)
        {
            throw WeChatErrors.ParamMessage($"修改后的订单金额必须小于原订单金额（{current}）", "/total_amount", total.ToString(CultureInfo.InvariantCulture));
        }

        var paid = record.Order.Collection?.PaidAmount ?? 0;
        if (total < paid)
        {
            throw WeChatErrors.ParamMessage($"修改后的订单金额不能小于已收款金额（{paid}）", "/total_amount", total.ToString(CultureInfo.InvariantCulture));
        }

        var paying = Math.Max(0, total - paid);
        record.Order = record.Order with
        {
            PostPayments = WireMapping.Payments(request.PostPayments),
            PostDiscounts = WireMapping.Discounts(request.PostDiscounts),
            TotalAmount = total,
            Collection = (record.Order.Collection ?? new CollectionInfo()) with
            {
                TotalAmount = total,
                PayingAmount = paying,
                State = paying == 0 ? ServiceOrderStatus.UserPaid : ServiceOrderStatus.UserPaying,
            },
        };
        if (paying == 0)
        {
            record.Order = record.Order with { State = ServiceOrderStatus.Done, StateDescription = null };
            record.CollectionDueAt = null;
        }

        record.UpdatedAt = now;
        changes.Change();
    }

    /// <summary>Sync (§6.3): the user paid the merchant elsewhere — DONE / USER_PAID with an <c>MCH</c> detail, no callback.</summary>
    public static void Sync(OrderRecord record, SyncRequest request, DateTimeOffset now, OrderChanges changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        var paidTime = WireTimes.Parse(request.Detail!.PaidTime!, "/detail/paid_time", allowOnAccept: false);
        var collection = record.Order.Collection ?? new CollectionInfo();
        var total = collection.TotalAmount ?? record.Order.TotalAmount ?? 0;
        var details = (collection.Details ?? []).ToList();
        details.Add(new CollectionDetail
        {
            Seq = details.Count + 1,
            Amount = collection.PayingAmount ?? total,
            PaidType = MerchantPaidType,
            PaidTime = paidTime.ToString(),
        });
        record.Order = record.Order with
        {
            State = ServiceOrderStatus.Done,
            StateDescription = null,
            Collection = collection with { State = ServiceOrderStatus.UserPaid, PayingAmount = 0, PaidAmount = total, Details = details },
        };
        record.CollectionDueAt = null;
        record.PaymentBlocked = false;
        record.UpdatedAt = now;
        changes.Change();
    }
}
