using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>What was done with a callback delivery (<see cref="NotificationRecord.Outcome"/>), stored as the names below (<see cref="StoredNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationOutcome>))]
public enum NotificationOutcome
{
    /// <summary>Verified; moved the order forward.</summary>
    [JsonStringEnumMemberName("applied")]
    Applied,

    /// <summary>Verified, first delivery of this id, but the order was already there or further (out of order).</summary>
    [JsonStringEnumMemberName("no_change")]
    NoChange,

    /// <summary>Verified; this notification id was processed before.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>Refused: verification failed (see the verification result).</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>Verified, but about an order this server does not have.</summary>
    [JsonStringEnumMemberName("unknown_order")]
    UnknownOrder,

    /// <summary>Verified, of an event type this server does not act on.</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,

    /// <summary>Verified, but storing it failed; WeChat will retry.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
