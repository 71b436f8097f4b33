namespace WxPayScore.ServiceOrders;

/// <summary>Query parameters of <c>GET /v3/payscore/partner/serviceorder</c> besides the order reference.</summary>
public sealed record ServiceOrderGetOptions
{
    public required string ServiceId { get; init; }

    public required string SubMchId { get; init; }
}
