namespace WxPayScore.ServiceOrders;

/// <summary>The service place (服务位置).</summary>
public sealed record Location
{
    public string? StartLocation { get; init; }

    public string? EndLocation { get; init; }
}
