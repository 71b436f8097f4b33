using WxPayScore.ServiceOrders;

namespace WxPayScore.Callbacks;

/// <summary><c>PAYSCORE.USER_PAID</c>: a collection succeeded; may come again with more <c>collection.details</c>.</summary>
public sealed record PaidCallback : PayScoreCallback
{
    public required ServiceOrder Order { get; init; }
}
