using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxPayScore.ServiceOrders;

/// <summary>
/// Reads and writes <see cref="ServiceTime"/> as WeChat's compact string form (<c>OnAccept</c>, <c>yyyyMMddHHmmss</c>,
/// <c>yyyyMMdd</c>); public so that applications can store and print orders with their own source-generated contexts.
/// </summary>
public sealed class ServiceTimeJsonConverter : JsonConverter<ServiceTime>
{
    /// <inheritdoc/>
    public override ServiceTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= 16)
        {
            // Unescaped ASCII in the buffer: parse it where it lies, no string.
            Span<char> chars = stackalloc char[16];
            var count = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            if (ServiceTime.TryParse(chars[..count], out var fast))
            {
                return fast;
            }
        }

        var text = reader.GetString();
        return ServiceTime.TryParse(text, out var time)
            ? time
            : throw new JsonException($"'{text}' is not a Pay Score time (OnAccept, yyyyMMddHHmmss or yyyyMMdd).");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ServiceTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
