using System.Text.Json.Serialization;

namespace WxPayScore.Launch;

/// <summary>Arguments of <c>wx.openBusinessView</c> in a mini program (base library ≥ 2.6.0).</summary>
public sealed record OpenBusinessViewParameters(
    [property: JsonPropertyName("businessType")] string BusinessType,
    [property: JsonPropertyName("extraData")] PayScoreExtraData ExtraData);
