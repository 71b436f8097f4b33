using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Refunds.Wire;

/// <summary>Writes a refund as its Refund object (§3.2) and as a notification payload (§5.2): no coupons, so payer = settlement = total.</summary>
internal static class RefundWriter
{
    private static readonly RefundWireJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Answer(RefundRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.SerializeToUtf8Bytes(new WireRefund
        {
            RefundId = record.RefundId,
            OutRefundNo = record.OutRefundNo,
            TransactionId = record.TransactionId,
            OutTradeNo = record.OutTradeNo,
            Channel = record.Channel,
            UserReceivedAccount = record.UserReceivedAccount,
            SuccessTime = Beijing(record.SuccessAt),
            CreateTime = Beijing(record.CreatedAt)!.Value,
            Status = record.Status,
            FundsAccount = record.FundsAccount,
            Amount = new WireRefundAmount
            {
                Total = record.Total,
                Refund = record.Refund,
                From = record.From,
                PayerTotal = record.Total,
                PayerRefund = record.Refund,
                SettlementTotal = record.Total,
                SettlementRefund = record.Refund,
                DiscountRefund = 0,
            },
        }, Context.WireRefund);
    }

    public static byte[] Notification(RefundRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.SerializeToUtf8Bytes(new WireRefundNotification
        {
            SpMchId = record.MchId,
            SubMchId = record.SubMchId,
            TransactionId = record.TransactionId,
            OutTradeNo = record.OutTradeNo,
            RefundId = record.RefundId,
            OutRefundNo = record.OutRefundNo,
            RefundStatus = record.Status,
            SuccessTime = Beijing(record.SuccessAt),
            UserReceivedAccount = record.UserReceivedAccount,
            Amount = new WireRefundNotificationAmount { Total = record.Total, Refund = record.Refund, PayerTotal = record.Total, PayerRefund = record.Refund },
        }, Context.WireRefundNotification);
    }

    /// <summary>RFC 3339 in Beijing time, whole seconds (<c>2025-01-02T10:00:05+08:00</c>).</summary>
    private static DateTimeOffset? Beijing(DateTimeOffset? time) =>
        time is { } t ? new DateTimeOffset(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset).ToOffset(ServiceTime.BeijingOffset) : null;
}
