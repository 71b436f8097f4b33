using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace WxPayScore.Cli.Json;

/// <summary>The orders as WeChat writes them (snake_case, nulls left out) for <c>--json</c>.</summary>
/// <remarks>
/// Reflection-based rather than a source-generated context: <c>ServiceTime</c> carries the SDK's internal
/// converter, which a generated context outside the SDK cannot reference. The tool is not trimmed.
/// </remarks>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
