using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>Brings an order to a given point of the state machine through the SDK and the control API.</summary>
public static class Scenario
{
    public static async Task<ServiceOrder> CreatedAsync(MerchantClient merchant, string notifyUrl = TestMerchant.UnreachableNotifyUrl) =>
        await merchant.Orders.CreateAsync(Requests.Create(notifyUrl));

    public static async Task<string> ConfirmedAsync(TestSandbox sandbox, MerchantClient merchant, string notifyUrl = TestMerchant.UnreachableNotifyUrl)
    {
        var created = await CreatedAsync(merchant, notifyUrl);
        sandbox.Control.Confirm(created.Package!, "alice");
        return created.OutOrderNo!;
    }

    /// <summary>Completed with 300 fen; with CollectionMode FailUntilMerchant it stays DOING/MCH_COMPLETE/USER_PAYING.</summary>
    public static async Task<string> AwaitingPaymentAsync(TestSandbox sandbox, MerchantClient merchant, long amount = 300)
    {
        var outOrderNo = await ConfirmedAsync(sandbox, merchant);
        await merchant.Orders.CompleteAsync(outOrderNo, Requests.Complete(sandbox.Control, amount));
        return outOrderNo;
    }

    public static Task<ServiceOrder> GetAsync(MerchantClient merchant, string outOrderNo) =>
        merchant.Orders.GetAsync(outOrderNo, Requests.Get());
}
