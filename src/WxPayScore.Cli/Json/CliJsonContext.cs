using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Json;

/// <summary>The orders as WeChat writes them (snake_case, nulls left out) for <c>--json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceOrder))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
