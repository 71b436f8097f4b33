namespace WxPayScore.ServiceOrders;

/// <summary>Query parameters of <c>GET /v3/payscore/partner/serviceorder</c> besides the order reference.</summary>
public sealed record ServiceOrderGetOptions
{
    /// <summary>The Pay Score service id.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The sub-merchant's id.</summary>
    public required string SubMchId { get; init; }
}
