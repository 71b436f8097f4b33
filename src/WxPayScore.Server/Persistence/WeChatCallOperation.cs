using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>The journal's names of WeChat calls (<see cref="WeChatCallRecord.Operation"/>), stored as the names below (<see cref="StoredNames"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WeChatCallOperation>))]
public enum WeChatCallOperation
{
    [JsonStringEnumMemberName("create")]
    Create,

    [JsonStringEnumMemberName("query")]
    Query,

    [JsonStringEnumMemberName("query_by_query_id")]
    QueryByQueryId,

    [JsonStringEnumMemberName("cancel")]
    Cancel,

    [JsonStringEnumMemberName("modify")]
    Modify,

    [JsonStringEnumMemberName("complete")]
    Complete,

    [JsonStringEnumMemberName("pay")]
    Pay,

    [JsonStringEnumMemberName("sync")]
    Sync,

    /// <summary>The mini program's login exchange (<c>GET /sns/jscode2session</c>).</summary>
    [JsonStringEnumMemberName("jscode2session")]
    Login,

    /// <summary>The SDK's platform-certificate download (certificate mode only).</summary>
    [JsonStringEnumMemberName("certificates")]
    Certificates,

    /// <summary><c>POST /v3/refund/domestic/refunds</c>.</summary>
    [JsonStringEnumMemberName("refund_create")]
    RefundCreate,

    /// <summary><c>GET /v3/refund/domestic/refunds/{out_refund_no}</c>.</summary>
    [JsonStringEnumMemberName("refund_query")]
    RefundQuery,
}
