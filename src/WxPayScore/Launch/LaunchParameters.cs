using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Launch;

/// <summary>
/// Everything a front end needs to open the Pay Score confirm page with a create result's <c>package</c>,
/// for each entry point. The package is passed unchanged: never parse or rebuild it.
/// </summary>
public sealed record LaunchParameters
{
    /// <summary>AppID of the Pay Score mini program.</summary>
    public const string PayScoreAppId = "wxd8f3793ea3b935b8";

    /// <summary>Path of the confirm page in the Pay Score mini program.</summary>
    public const string ConfirmPagePath = "pages/use/use";

    /// <summary><c>businessType</c> of the confirm page.</summary>
    public const string UseBusinessType = "wxpayScoreUse";

    /// <summary>For <c>wx.openBusinessView</c> in a mini program.</summary>
    [JsonPropertyName("openBusinessView")]
    public required OpenBusinessViewParameters OpenBusinessView { get; init; }

    /// <summary>For the legacy <c>wx.navigateToMiniProgram</c>.</summary>
    [JsonPropertyName("navigateToMiniProgram")]
    public required NavigateToMiniProgramParameters NavigateToMiniProgram { get; init; }

    /// <summary>For the APP OpenSDK.</summary>
    [JsonPropertyName("app")]
    public required AppOpenBusinessViewParameters App { get; init; }

    /// <summary>For JS-SDK <c>openBusinessView</c> in a web page inside WeChat.</summary>
    [JsonPropertyName("jsApi")]
    public required JsApiOpenBusinessViewParameters JsApi { get; init; }

    /// <summary>Every form from a 需确认 create answer's <c>package</c>; throws <see cref="ArgumentException"/> without one.</summary>
    public static LaunchParameters FromOrder(ServiceOrder createResult)
    {
        ArgumentNullException.ThrowIfNull(createResult);
        return From(new PayScoreExtraData
        {
            Package = createResult.Package ?? throw new ArgumentException(
                "The order has no package: only a 需确认 create response carries one.", nameof(createResult)),
        });
    }

    /// <summary>Builds every form from the extra data (plain <c>package</c>, or the legacy signed set).</summary>
    public static LaunchParameters From(PayScoreExtraData extraData)
    {
        ArgumentNullException.ThrowIfNull(extraData);
        if (string.IsNullOrEmpty(extraData.Package))
        {
            throw new ArgumentException("package is required.", nameof(extraData));
        }

        var query = string.Join('&', extraData.ToParameters()
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return new LaunchParameters
        {
            OpenBusinessView = new OpenBusinessViewParameters(UseBusinessType, extraData),
            NavigateToMiniProgram = new NavigateToMiniProgramParameters(PayScoreAppId, ConfirmPagePath, extraData),
            App = new AppOpenBusinessViewParameters(UseBusinessType, query, "{\"miniProgramType\":0}"),
            JsApi = new JsApiOpenBusinessViewParameters(UseBusinessType, query),
        };
    }
}
