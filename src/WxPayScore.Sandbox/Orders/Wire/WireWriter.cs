using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>Writes an order snapshot and callback envelopes as the sandbox's own wire JSON (nulls omitted, UTF-8 text unescaped).</summary>
internal static class WireWriter
{
    private static readonly WireJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Order(ServiceOrder order) => JsonSerializer.SerializeToUtf8Bytes(ToWire(order), Context.WireOrder);

    public static string Envelope(WireCallbackEnvelope envelope) => JsonSerializer.Serialize(envelope, Context.WireCallbackEnvelope);

    public static WireOrder ToWire(ServiceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new WireOrder
        {
            OutOrderNo = order.OutOrderNo,
            ServiceId = order.ServiceId,
            AppId = order.AppId,
            MchId = order.MchId,
            SubAppId = order.SubAppId,
            SubMchId = order.SubMchId,
            ServiceIntroduction = order.ServiceIntroduction,
            State = order.State,
            StateDescription = order.StateDescription,
            PostPayments = order.PostPayments?.Select(p => new WirePayment { Name = p.Name, Amount = p.Amount, Description = p.Description, Count = p.Count }).ToArray(),
            PostDiscounts = order.PostDiscounts?.Select(d => new WireDiscount { Name = d.Name, Description = d.Description, Amount = d.Amount, Count = d.Count }).ToArray(),
            RiskFund = order.RiskFund is { } risk ? new WireRiskFund { Name = risk.Name, Amount = risk.Amount, Description = risk.Description } : null,
            TotalAmount = order.TotalAmount,
            NeedCollection = order.NeedCollection,
            Collection = order.Collection is { } c
                ? new WireCollection
                {
                    State = c.State, TotalAmount = c.TotalAmount, PayingAmount = c.PayingAmount, PaidAmount = c.PaidAmount,
                    Details = c.Details?.Select(d => new WireCollectionDetail
                    {
                        Seq = d.Seq, Amount = d.Amount, PaidType = d.PaidType, PaidTime = d.PaidTime, TransactionId = d.TransactionId,
                    }).ToArray(),
                }
                : null,
            TimeRange = order.TimeRange is { } range
                ? new WireTimeRange
                {
                    StartTime = range.StartTime?.ToString(), StartTimeRemark = range.StartTimeRemark,
                    EndTime = range.EndTime?.ToString(), EndTimeRemark = range.EndTimeRemark,
                }
                : null,
            Location = order.Location is { } l ? new WireLocation { StartLocation = l.StartLocation, EndLocation = l.EndLocation } : null,
            Attach = order.Attach,
            NotifyUrl = order.NotifyUrl,
            OpenId = order.OpenId,
            SubOpenId = order.SubOpenId,
            OrderId = order.OrderId,
            Package = order.Package,
        };
    }
}
