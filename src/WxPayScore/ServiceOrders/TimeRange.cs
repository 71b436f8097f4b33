namespace WxPayScore.ServiceOrders;

/// <summary>The service time (服务时间段).</summary>
public sealed record TimeRange
{
    public ServiceTime? StartTime { get; init; }

    public string? StartTimeRemark { get; init; }

    public ServiceTime? EndTime { get; init; }

    public string? EndTimeRemark { get; init; }
}
