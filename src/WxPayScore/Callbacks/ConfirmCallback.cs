using WxPayScore.ServiceOrders;

namespace WxPayScore.Callbacks;

/// <summary><c>PAYSCORE.USER_CONFIRM</c>: the user confirmed the order (DOING/USER_CONFIRM, openid filled).</summary>
public sealed record ConfirmCallback : PayScoreCallback
{
    /// <summary>The order as WeChat reports it after the user's confirmation.</summary>
    public required ServiceOrder Order { get; init; }
}
