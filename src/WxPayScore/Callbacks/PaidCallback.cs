using WxPayScore.ServiceOrders;

namespace WxPayScore.Callbacks;

/// <summary><c>PAYSCORE.USER_PAID</c>: a collection succeeded; may come again with more <c>collection.details</c>.</summary>
public sealed record PaidCallback : PayScoreCallback
{
    /// <summary>The order as WeChat reports it after the collection, with its <c>collection.details</c>.</summary>
    public required ServiceOrder Order { get; init; }
}
