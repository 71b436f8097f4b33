using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>The kinds of entries in an order's history (<see cref="OrderEventRecord.Kind"/>), stored as the names below (<see cref="StoredNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderEventKind>))]
public enum OrderEventKind
{
    /// <summary>The order was stored and its create request is about to be sent.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>A snapshot moved the order forward (from a create answer, a callback, a query or the reconciler).</summary>
    [JsonStringEnumMemberName("state_changed")]
    StateChanged,

    /// <summary>A USER_PAID with more collection details than before (same phase).</summary>
    [JsonStringEnumMemberName("collection_updated")]
    CollectionUpdated,

    /// <summary>The amount changed in the same phase (after a modify), seen in a query answer.</summary>
    [JsonStringEnumMemberName("amount_changed")]
    AmountChanged,

    /// <summary>An admin action was sent to WeChat (complete, cancel, modify, pay, sync).</summary>
    [JsonStringEnumMemberName("admin_action")]
    AdminAction,

    /// <summary>A WeChat call failed (with its code).</summary>
    [JsonStringEnumMemberName("call_failed")]
    CallFailed,

    /// <summary>The create never reached WeChat (or was refused).</summary>
    [JsonStringEnumMemberName("create_failed")]
    CreateFailed,

    /// <summary>The reconciler repaired a call whose outcome had not been stored.</summary>
    [JsonStringEnumMemberName("repaired")]
    Repaired,

    /// <summary>A refund was stored and is about to be sent (its number, detail and amount).</summary>
    [JsonStringEnumMemberName("refund_requested")]
    RefundRequested,

    /// <summary>A refund moved forward (create answer, REFUND.* callback, query), or WeChat refused it.</summary>
    [JsonStringEnumMemberName("refund_changed")]
    RefundChanged,
}
