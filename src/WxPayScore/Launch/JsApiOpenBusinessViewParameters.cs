using System.Text.Json.Serialization;

namespace WxPayScore.Launch;

/// <summary>Arguments of JS-SDK <c>wx.invoke('openBusinessView', …)</c> in a web page inside WeChat.</summary>
public sealed record JsApiOpenBusinessViewParameters(
    [property: JsonPropertyName("businessType")] string BusinessType,
    [property: JsonPropertyName("queryString")] string QueryString);
