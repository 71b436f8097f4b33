using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>Who caused an order history entry (<see cref="OrderEventRecord.Source"/>), stored as the names below (<see cref="StoredNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderSource>))]
public enum OrderSource
{
    [JsonStringEnumMemberName("api")]
    Api,

    [JsonStringEnumMemberName("callback")]
    Callback,

    [JsonStringEnumMemberName("query")]
    Query,

    [JsonStringEnumMemberName("reconciler")]
    Reconciler,

    [JsonStringEnumMemberName("admin")]
    Admin,
}
