using System.Text.Json.Serialization;

namespace WxPayScore.Sandbox.Orders.Wire;

/// <summary>
/// Reads the request bodies into the sandbox's own wire types, and writes its answers (<see cref="WireWriter"/>). A field the spec does not name is refused
/// (<c>PARAM_ERROR</c>) instead of ignored: a misspelt optional field would otherwise be lost without a word.
/// </summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(CancelRequest))]
[JsonSerializable(typeof(CompleteRequest))]
[JsonSerializable(typeof(ModifyRequest))]
[JsonSerializable(typeof(PayRequest))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(WireOrder))]
[JsonSerializable(typeof(WireCallbackEnvelope))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
