using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.MiniProgram;

/// <summary>The JSON of <c>/sns/jscode2session</c> (always HTTP 200).</summary>
internal sealed record Code2SessionAnswer
{
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    [JsonPropertyName("session_key")]
    public string? SessionKey { get; init; }

    [JsonPropertyName("errcode")]
    public int? ErrCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; init; }
}
