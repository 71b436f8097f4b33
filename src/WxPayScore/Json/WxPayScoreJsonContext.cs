using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using WxPayScore.Callbacks;
using WxPayScore.Errors;
using WxPayScore.Refunds;
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
// The order's parts have their own converters (ServiceOrderJsonConverterFactory), so the generator does not reach the
// collection records through ServiceOrder's properties; they are named here so that every wire model is in the context.
[JsonSerializable(typeof(CollectionInfo))]
[JsonSerializable(typeof(CollectionDetail))]
[JsonSerializable(typeof(Promotion))]
[JsonSerializable(typeof(PromotionGoods))]
[JsonSerializable(typeof(ServiceOrderCreateOptions))]
[JsonSerializable(typeof(ServiceOrderCancelOptions))]
[JsonSerializable(typeof(ServiceOrderCompleteOptions))]
[JsonSerializable(typeof(ServiceOrderModifyOptions))]
[JsonSerializable(typeof(ServiceOrderPayOptions))]
[JsonSerializable(typeof(ServiceOrderSyncOptions))]
[JsonSerializable(typeof(WeChatPayErrorBody))]
[JsonSerializable(typeof(CallbackEnvelope))]
[JsonSerializable(typeof(PlatformCertificateList))]
[JsonSerializable(typeof(Refund))]
[JsonSerializable(typeof(RefundCreateOptions))]
[JsonSerializable(typeof(AbnormalRefundBody))]
[JsonSerializable(typeof(RefundNotification))]
internal sealed partial class WxPayScoreJsonContext : JsonSerializerContext
{
    private static WxPayScoreJsonContext? wire;

    [ThreadStatic]
    private static BodyWriter? bodyWriter;

    /// <summary>The context every wire exchange uses.</summary>
    public static WxPayScoreJsonContext Wire => wire ??= new WxPayScoreJsonContext(CreateOptions());

    /// <summary>
    /// A request body, exactly as <c>JsonSerializer.SerializeToUtf8Bytes(value, Wire…)</c> writes it (a test holds them
    /// equal), through the source generator's fast path: <see cref="Wire"/>'s encoder differs from the generated options,
    /// which makes the serialiser take its general path (a write stack per call). The handler is called on a writer with
    /// <see cref="Wire"/>'s encoder instead; property names are ASCII, so they are the same under either encoder.
    /// </summary>
    internal static byte[] SerializeBody<T>(T value, JsonTypeInfo<T> wireTypeInfo)
    {
        if (Default.GetTypeInfo(typeof(T)) is not JsonTypeInfo<T> { SerializeHandler: { } handler })
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, wireTypeInfo);
        }

        var state = bodyWriter ??= new BodyWriter(Wire.Options.Encoder);
        state.Buffer.ResetWrittenCount();
        state.Writer.Reset(state.Buffer);
        handler(state.Writer, value);
        state.Writer.Flush();
        var body = state.Buffer.WrittenSpan.ToArray();
        if (state.Buffer.Capacity > 64 * 1024)
        {
            bodyWriter = null;
        }

        return body;
    }

    private sealed class BodyWriter(JavaScriptEncoder? encoder)
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null, new JsonWriterOptions { Encoder = encoder, SkipValidation = false });
    }

    private static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
