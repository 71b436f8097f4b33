namespace WxPayScore.ServiceOrders;

// bridge: removed once the server sends PreparedCall
// The server's create path still names this type (OrderService.SendCreateAsync); it wraps a PreparedCall and nothing else.
internal sealed record ServiceOrderCreateRequest(PreparedCall Call)
{
    public string OutOrderNo => Call.OutOrderNo!;

    public static implicit operator ServiceOrderCreateRequest(PreparedCall call) => new(call);
}
