using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>The order rules about phases: <c>OrderPhase.From(…)</c> and <c>OrderPhase.All</c>.</summary>
public static class OrderPhaseExtensions
{
    private static readonly OrderPhase[] Listed =
        [OrderPhase.Creating, OrderPhase.CreateFailed, OrderPhase.Created, OrderPhase.UserConfirmed, OrderPhase.AwaitingPayment,
            OrderPhase.Done, OrderPhase.Revoked, OrderPhase.Expired];

    extension(OrderPhase)
    {
        /// <summary>The phases an order is listed and counted by (all but <see cref="OrderPhase.Unknown"/>).</summary>
        public static IReadOnlyList<OrderPhase> All => Listed;

        public static OrderPhase From(ServiceOrderPhase phase) => phase switch
        {
            ServiceOrderPhase.Created => OrderPhase.Created,
            ServiceOrderPhase.UserConfirmed => OrderPhase.UserConfirmed,
            ServiceOrderPhase.AwaitingPayment => OrderPhase.AwaitingPayment,
            ServiceOrderPhase.Done => OrderPhase.Done,
            ServiceOrderPhase.Revoked => OrderPhase.Revoked,
            ServiceOrderPhase.Expired => OrderPhase.Expired,
            _ => OrderPhase.Unknown,
        };
    }
}
