using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Persistence;

/// <summary>
/// Write-through persistence of the sandbox state. The live state is in memory; a store only keeps a copy of each
/// change so that a restart with the same data folder loses nothing. Called under the entity's lock.
/// </summary>
internal interface ISandboxStore : IDisposable
{
    SandboxState Load();

    void SaveOrder(OrderRecord order);

    void SaveNotification(NotificationRecord notification);

    void SaveLoginCode(LoginCodeRecord code);

    void DeleteLoginCode(string code);

    void SaveClockOffset(TimeSpan offset);

    void SaveRefund(Refunds.RefundRecord refund);

    void SaveRefundFunds(Refunds.SubMerchantFunds funds);
}
