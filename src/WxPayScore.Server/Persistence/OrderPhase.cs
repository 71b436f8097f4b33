using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// An order's phase as stored and shown: the WeChat phase (from <c>state</c>, <c>state_description</c> and
/// <c>collection.state</c> together) plus two local ones for a create whose answer is not known yet or was a refusal.
/// Stored and serialised as the upper-case names below (<see cref="StoredNames"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderPhase>))]
public enum OrderPhase
{
    /// <summary>Stored, create sent (or about to be); WeChat's answer not stored yet.</summary>
    [JsonStringEnumMemberName("CREATING")]
    Creating,

    /// <summary>WeChat refused the create, or the reconciler found that it never existed.</summary>
    [JsonStringEnumMemberName("CREATE_FAILED")]
    CreateFailed,

    [JsonStringEnumMemberName("CREATED")]
    Created,

    [JsonStringEnumMemberName("USER_CONFIRMED")]
    UserConfirmed,

    [JsonStringEnumMemberName("AWAITING_PAYMENT")]
    AwaitingPayment,

    [JsonStringEnumMemberName("DONE")]
    Done,

    [JsonStringEnumMemberName("REVOKED")]
    Revoked,

    [JsonStringEnumMemberName("EXPIRED")]
    Expired,

    /// <summary>A WeChat phase this server does not know.</summary>
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,
}
