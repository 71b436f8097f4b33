using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>The service place (服务位置).</summary>
[JsonConverter(typeof(ServiceOrderJsonConverterFactory))]
public sealed record Location
{
    /// <summary>Where the service starts (<c>start_location</c>, at most 50 characters).</summary>
    public string? StartLocation { get; init; }

    /// <summary>Where it ends (<c>end_location</c>; only with a start location).</summary>
    public string? EndLocation { get; init; }
}
