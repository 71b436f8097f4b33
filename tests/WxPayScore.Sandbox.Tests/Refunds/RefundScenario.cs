using WxPayScore.Refunds;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Refunds;

/// <summary>Collected orders to refund, and refund requests for them.</summary>
public static class RefundScenario
{
    public static string NewOutRefundNo() => "RF" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>An order completed for <paramref name="amount"/> fen and collected at once (one NEWTON detail).</summary>
    public static async Task<(string OutOrderNo, CollectionDetail Detail)> PaidAsync(TestSandbox sandbox, MerchantClient merchant, long amount = 300)
    {
        var outOrderNo = await Scenario.AwaitingPaymentAsync(sandbox, merchant, amount);
        var order = await Scenario.GetAsync(merchant, outOrderNo);
        Assert.Equal(ServiceOrderPhase.Done, order.Status.Phase);
        return (outOrderNo, Assert.Single(order.Collection!.Details!));
    }

    public static RefundCreateOptions Create(CollectionDetail detail, long refund, string? outRefundNo = null, string? notifyUrl = null, long? total = null) => new()
    {
        SubMchId = TestKeys.SubMchId,
        TransactionId = detail.TransactionId,
        OutRefundNo = outRefundNo ?? NewOutRefundNo(),
        Reason = "提前归还",
        NotifyUrl = notifyUrl,
        Amount = new RefundAmountOptions { Refund = refund, Total = total ?? detail.Amount },
    };

    public static RefundGetOptions Get() => new() { SubMchId = TestKeys.SubMchId };
}
