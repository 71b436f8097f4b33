using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Persistence;

/// <summary>No persistence: the state lives and dies with the process.</summary>
internal sealed class MemorySandboxStore : ISandboxStore
{
    public SandboxState Load() => new([], [], [], TimeSpan.Zero);

    public void SaveOrder(OrderRecord order)
    {
    }

    public void SaveNotification(NotificationRecord notification)
    {
    }

    public void SaveLoginCode(LoginCodeRecord code)
    {
    }

    public void DeleteLoginCode(string code)
    {
    }

    public void SaveClockOffset(TimeSpan offset)
    {
    }

    public void SaveRefund(Refunds.RefundRecord refund)
    {
    }

    public void SaveRefundFunds(Refunds.SubMerchantFunds funds)
    {
    }

    public void Dispose()
    {
    }
}
