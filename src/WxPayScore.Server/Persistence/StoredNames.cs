using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// The one spelling of each member of the stored enums (<see cref="OrderPhase"/>, <see cref="OrderEventKind"/>,
/// <see cref="OrderSource"/>, <see cref="NotificationOutcome"/>, <see cref="WeChatCallOperation"/>,
/// <see cref="WeChatCallOutcome"/>): the member's <see cref="JsonStringEnumMemberNameAttribute"/>, which is the string in
/// the database column (<see cref="StoredNameConverter{TEnum}"/>, <see cref="OrderSql"/>), in the JSON of the admin API
/// (<see cref="JsonStringEnumConverter{TEnum}"/> on the enum) and in metric tags. Never the C# member name: those
/// strings predate the enums and existing databases hold them.
/// </summary>
public static class StoredNames
{
    /// <summary>The member's stored string; throws for a value that is not a declared member.</summary>
    public static string ToStoredName<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        Map<TEnum>.Names.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no member {value}.");

    /// <summary>The member stored as <paramref name="name"/> (exact, case-sensitive); false for any other string.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum =>
        Map<TEnum>.Values.TryGetValue(name ?? string.Empty, out value);

    /// <summary>The member stored as <paramref name="name"/>; a string no member has is a corrupt row, so it throws.</summary>
    public static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not a stored {typeof(TEnum).Name}.");

    private static class Map<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                field => (TEnum)field.GetValue(null)!,
                field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{field.Name} has no [JsonStringEnumMemberName]: its stored string must be spelled out."));

        public static readonly FrozenDictionary<string, TEnum> Values =
            Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
