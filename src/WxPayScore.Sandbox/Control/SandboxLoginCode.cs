using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox;

/// <summary>A <c>wx.login</c> code for a simulated user, and the openid <c>/sns/jscode2session</c> will map it to.</summary>
public sealed record SandboxLoginCode(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("openid")] string OpenId);
