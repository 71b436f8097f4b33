using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.Callbacks;
using WxPayScore.Errors;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Json;

/// <summary>
/// Source-generated JSON for every wire model: snake_case names, nulls never written, unknown fields ignored
/// (WeChat may add fields). Non-ASCII text is written as UTF-8, not as \u escapes, as WeChat's own samples do.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ServiceOrder))]
[JsonSerializable(typeof(ServiceOrderCreateOptions))]
[JsonSerializable(typeof(ServiceOrderCancelOptions))]
[JsonSerializable(typeof(ServiceOrderCompleteOptions))]
[JsonSerializable(typeof(ServiceOrderModifyOptions))]
[JsonSerializable(typeof(ServiceOrderPayOptions))]
[JsonSerializable(typeof(ServiceOrderSyncOptions))]
[JsonSerializable(typeof(WeChatPayErrorBody))]
[JsonSerializable(typeof(CallbackEnvelope))]
[JsonSerializable(typeof(PlatformCertificateList))]
internal sealed partial class WxPayScoreJsonContext : JsonSerializerContext
{
    private static WxPayScoreJsonContext? wire;

    /// <summary>The context every wire exchange uses.</summary>
    public static WxPayScoreJsonContext Wire => wire ??= new WxPayScoreJsonContext(CreateOptions());

    private static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
