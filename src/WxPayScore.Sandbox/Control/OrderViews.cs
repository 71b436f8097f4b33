using WxPayScore.Sandbox.Orders;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox;

/// <summary>Presentation of orders for the control API, the dashboard and the confirm page (times in Beijing time).</summary>
internal static class OrderViews
{
    /// <summary>The order as the control API shows it, read under its lock with what is due applied first.</summary>
    public static SandboxOrderInfo Info(OrderBook book, OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(book);
        return book.Read(record, Info);
    }

    /// <summary>The WeChat-visible snapshot (the query answer), current on the business clock.</summary>
    public static ServiceOrder Snapshot(OrderBook book, OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(book);
        return book.Read(record, r => r.Order);
    }

    /// <summary>The order's state as one word path, e.g. <c>DOING/MCH_COMPLETE/USER_PAYING</c>.</summary>
    public static string Status(ServiceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status.ToString();
    }

    private static SandboxOrderInfo Info(OrderRecord record) => new()
    {
        MchId = record.MchId,
        SubMchId = record.SubMchId,
        OutOrderNo = record.OutOrderNo,
        Status = Status(record.Order),
        Order = record.Order,
        Package = record.Package,
        PackageExpiresAt = record.PackageIssuedAt + OrderStateMachine.PackageLifetime,
        PackageSpent = record.PackageSpent,
        QueryId = record.QueryId,
        CreatedAt = record.CreatedAt.ToOffset(ServiceTime.BeijingOffset),
        UpdatedAt = record.UpdatedAt.ToOffset(ServiceTime.BeijingOffset),
        ConfirmedBy = record.ConfirmedBy,
        ConfirmedAt = record.ConfirmedAt?.ToOffset(ServiceTime.BeijingOffset),
        CancelReason = record.CancelReason,
        CollectionDueAt = record.CollectionDueAt?.ToOffset(ServiceTime.BeijingOffset),
        PaymentBlocked = record.PaymentBlocked,
        CreateBody = record.CreateBody,
        CompleteBody = record.CompleteBody,
        ConfirmPage = record.Package is { } p ? "/sandbox/pages/use/use?package=" + Uri.EscapeDataString(p) : null,
    };
}
