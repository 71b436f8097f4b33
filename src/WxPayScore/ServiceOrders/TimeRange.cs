using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>The service time (服务时间段).</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record TimeRange
{
    /// <summary>Service start (<c>OnAccept</c> allowed at creation).</summary>
    public ServiceTime? StartTime { get; init; }

    /// <summary>Shown with the start time (at most 20 characters).</summary>
    public string? StartTimeRemark { get; init; }

    /// <summary>Service end (never <c>OnAccept</c>).</summary>
    public ServiceTime? EndTime { get; init; }

    /// <summary>Shown with the end time (at most 20 characters).</summary>
    public string? EndTimeRemark { get; init; }
}
