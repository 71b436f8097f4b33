using System.Text.Json.Serialization;

namespace WxPayScore.Launch;

/// <summary>Fields of the APP OpenSDK request (<c>WXOpenBusinessView.Req</c> / <c>WXOpenBusinessViewReq</c>).</summary>
public sealed record AppOpenBusinessViewParameters(
    [property: JsonPropertyName("businessType")] string BusinessType,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("extInfo")] string ExtInfo);
