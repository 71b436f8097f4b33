using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Refunds.Wire;

/// <summary>
/// Reads refund request bodies into the sandbox's own wire types (a field the spec does not name is refused with
/// <c>PARAM_ERROR</c>) and writes its refund answers and notification payloads.
/// </summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RefundCreateRequest))]
[JsonSerializable(typeof(AbnormalRefundRequest))]
[JsonSerializable(typeof(WireRefund))]
[JsonSerializable(typeof(WireRefundNotification))]
internal sealed partial class RefundWireJsonContext : JsonSerializerContext;
