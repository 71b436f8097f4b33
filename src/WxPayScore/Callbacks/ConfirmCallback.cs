using WxPayScore.ServiceOrders;

namespace WxPayScore.Callbacks;

/// <summary><c>PAYSCORE.USER_CONFIRM</c>: the user confirmed the order (DOING/USER_CONFIRM, openid filled).</summary>
public sealed record ConfirmCallback : PayScoreCallback
{
    public required ServiceOrder Order { get; init; }
}
