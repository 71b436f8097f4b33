using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace WxPayScore.Cli.Json;

/// <summary>The orders as WeChat writes them (snake_case, nulls left out) for <c>--json</c>.</summary>
/// <remarks>
/// Reflection-based (the tool is not trimmed). Since <c>ServiceTimeJsonConverter</c> became public, a source-generated
/// context would also work; switching is a small follow-up.
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
