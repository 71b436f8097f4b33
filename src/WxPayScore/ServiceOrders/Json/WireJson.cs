using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders.Json;

/// <summary>
/// The reading and writing steps of the service-order converters, with the generated serialiser's rules: a null value
/// reads as null, nulls are not written, a value of the wrong JSON type is a <see cref="JsonException"/> (the reader's
/// own errors are turned into one by the serialiser, with the path), unknown fields are skipped.
/// </summary>
internal static class WireJson
{
    /// <summary>The reader is on the value of a property of type <paramref name="type"/>, which must be an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, Type type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotConvertible(type);
        }
    }

    /// <summary>Moves to the next property name of the object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    public static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString();
    }

    public static long? Int64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64();
    }

    public static int? Int32(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
    }

    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetBoolean();
    }

    public static ServiceTime? Time(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : OrderConverters.Time.Read(ref reader, typeof(ServiceTime), options);
    }

    public static T? Object<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, JsonSerializerOptions options)
        where T : class
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), options);
    }

    /// <summary>An array of objects (null elements kept, as the generated reader keeps them); one element costs no list.</summary>
    public static IReadOnlyList<T>? List<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, JsonSerializerOptions options)
        where T : class
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotConvertible(typeof(IReadOnlyList<T>));
        }

        T? first = null;
        List<T>? all = null;
        var count = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            var item = reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), options);
            if (count == 0)
            {
                first = item;
            }
            else
            {
                (all ??= [first!]).Add(item!);
            }

            count++;
        }

        return count switch
        {
            0 => [],
            1 => [first!],
            _ => all,
        };
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ServiceTime? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WritePropertyName(name);
            OrderConverters.Time.Write(writer, time, options);
        }
    }

    public static void Write<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value, JsonConverter<T> converter, JsonSerializerOptions options)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            converter.Write(writer, value, options);
        }
    }

    public static void Write<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? values, JsonConverter<T> converter, JsonSerializerOptions options)
        where T : class
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                converter.Write(writer, value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    public static JsonException NotConvertible(Type type) => new($"The JSON value could not be converted to {type}.");

    public static JsonException MissingRequired(Type type, string names) =>
        new($"JSON deserialization for type '{type}' was missing required properties including: {names}.");
}
