using WxPayScore.Sandbox.Orders;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Refunds;

/// <summary>Finds the collected transaction a refund is about among the sandbox's Pay Score orders (only read, never changed).</summary>
internal static class TransactionLookup
{
    /// <summary>§10.1: a NEWTON detail of this SP and sub-merchant; transaction_id wins, and both must then agree.</summary>
    public static (ServiceOrder Order, CollectionDetail Detail) Find(OrderBook orders, string mchId, string subMchId, string? transactionId, string? outTradeNo)
    {
        foreach (var record in orders.All.Where(o => o.MchId == mchId && o.SubMchId == subMchId))
        {
            var order = orders.Read(record, r => r.Order);
            foreach (var detail in order.Collection?.Details ?? [])
            {
                if (detail is not { PaidType: "NEWTON", TransactionId.Length: > 0 })
                {
                    continue;
                }

                var byId = !string.IsNullOrEmpty(transactionId) && detail.TransactionId == transactionId;
                var byTrade = string.IsNullOrEmpty(transactionId) && outTradeNo == RefundRules.OutTradeNo(detail);
                if (byId || byTrade)
                {
                    if (byId && !string.IsNullOrEmpty(outTradeNo) && outTradeNo != RefundRules.OutTradeNo(detail))
                    {
                        throw Orders.Wire.FieldRules.Invalid("/out_trade_no", "与transaction_id不是同一笔交易", outTradeNo);
                    }

                    return (order, detail);
                }
            }
        }

        throw RefundRules.OrderNotFound();
    }
}
