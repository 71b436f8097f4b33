using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.Sandbox.Control;
using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.Json;

/// <summary>Source-generated JSON of the control API and of the persisted state: snake_case, nulls omitted, UTF-8 text.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderRecord))]
[JsonSerializable(typeof(Refunds.RefundRecord))]
[JsonSerializable(typeof(Refunds.SubMerchantFunds))]
[JsonSerializable(typeof(SandboxRefundInfo))]
[JsonSerializable(typeof(IReadOnlyList<SandboxRefundInfo>))]
[JsonSerializable(typeof(RefundFundsRequest))]
[JsonSerializable(typeof(RefundAbnormalInjection))]
[JsonSerializable(typeof(NotificationRecord))]
[JsonSerializable(typeof(LoginCodeRecord))]
[JsonSerializable(typeof(SandboxOrderInfo))]
[JsonSerializable(typeof(IReadOnlyList<SandboxOrderInfo>))]
[JsonSerializable(typeof(SandboxNotificationInfo))]
[JsonSerializable(typeof(IReadOnlyList<SandboxNotificationInfo>))]
[JsonSerializable(typeof(SandboxClockInfo))]
[JsonSerializable(typeof(SandboxFault))]
[JsonSerializable(typeof(SandboxFaultRequest))]
[JsonSerializable(typeof(IReadOnlyList<SandboxFault>))]
[JsonSerializable(typeof(SandboxLoginCode))]
[JsonSerializable(typeof(SandboxConfirmation))]
[JsonSerializable(typeof(LoginCodeRequest))]
[JsonSerializable(typeof(ConfirmRequest))]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(AdvanceRequest))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(Code2SessionAnswer))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext
{
    private static SandboxJsonContext? web;

    /// <summary>The context every sandbox exchange uses (non-ASCII written as UTF-8, not \u escapes).</summary>
    public static SandboxJsonContext Web => web ??= new SandboxJsonContext(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });
}
