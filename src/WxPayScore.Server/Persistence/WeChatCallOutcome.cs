using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>How a journaled WeChat call ended (<see cref="WeChatCallRecord.Outcome"/>; null until known), stored as the names below (<see cref="StoredNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WeChatCallOutcome>))]
public enum WeChatCallOutcome
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>WeChat answered with an error.</summary>
    [JsonStringEnumMemberName("api_error")]
    ApiError,

    /// <summary>No answer (network failure, timeout): the call may or may not have taken effect.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("bad_signature")]
    BadSignature,

    /// <summary>The reconciler found the order at WeChat and repaired the stored one.</summary>
    [JsonStringEnumMemberName("reconciled_found")]
    ReconciledFound,

    /// <summary>The reconciler found that the create never took effect.</summary>
    [JsonStringEnumMemberName("reconciled_not_found")]
    ReconciledNotFound,

    /// <summary>A read-only call the process stopped in the middle of (found by the reconciler; nothing to repair).</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,

    /// <summary>The call was abandoned because its caller went away (the request was cancelled) before an answer.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
