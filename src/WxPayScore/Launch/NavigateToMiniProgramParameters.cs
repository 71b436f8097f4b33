using System.Text.Json.Serialization;

namespace WxPayScore.Launch;

/// <summary>Arguments of the legacy <c>wx.navigateToMiniProgram</c> jump (closed to new integrations).</summary>
public sealed record NavigateToMiniProgramParameters(
    [property: JsonPropertyName("appId")] string AppId,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("extraData")] PayScoreExtraData ExtraData);
