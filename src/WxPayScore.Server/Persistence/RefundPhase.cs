using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// Where a refund of the ledger stands (<see cref="RefundRecord.Phase"/>), stored as the names below (<see cref="StoredNames"/>):
/// the local <c>PENDING</c> (stored and journaled, WeChat's acceptance not known yet) and <c>FAILED</c> (WeChat refused it: it
/// never existed there), and WeChat's refund statuses (refunds.md §8). Only forward: see <see cref="RefundPhaseExtensions"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundPhase>))]
public enum RefundPhase
{
    /// <summary>Stored before the create is sent; whether WeChat accepted it is not known yet (the reconciler asks).</summary>
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    [JsonStringEnumMemberName("PROCESSING")]
    Processing,

    /// <summary>Rerouting needed (funds held by WeChat); not final.</summary>
    [JsonStringEnumMemberName("ABNORMAL")]
    Abnormal,

    [JsonStringEnumMemberName("SUCCESS")]
    Success,

    /// <summary>Closed by WeChat without refunding (no funds for 7 days): its amount is refundable again.</summary>
    [JsonStringEnumMemberName("CLOSED")]
    Closed,

    /// <summary>WeChat refused the create (a definite 4xx): nothing was refunded; its amount is refundable again.</summary>
    [JsonStringEnumMemberName("FAILED")]
    Failed,
}
