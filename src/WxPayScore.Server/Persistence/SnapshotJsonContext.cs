using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The stored snapshot of an order (<see cref="OrderRecord.SnapshotJson"/>): WeChat's own JSON shape (snake_case names,
/// nulls left out, unknown fields skipped), with Chinese text kept readable rather than \u-escaped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ServiceOrder))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext
{
    /// <summary>The context snapshots are written and read with (the options above, plus the readable encoder).</summary>
    public static SnapshotJsonContext Snapshots { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
