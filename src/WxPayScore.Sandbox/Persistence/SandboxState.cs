using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Persistence;

/// <summary>Everything a store hands back at start-up.</summary>
internal sealed record SandboxState(
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<NotificationRecord> Notifications,
    IReadOnlyList<LoginCodeRecord> LoginCodes,
    TimeSpan ClockOffset,
    IReadOnlyList<Refunds.RefundRecord>? Refunds = null,
    IReadOnlyList<Refunds.SubMerchantFunds>? RefundFunds = null);
