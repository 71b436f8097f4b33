using System.Text;
using System.Text.Json;
using WxPayScore.Security;

namespace WxPayScore.Callbacks;

/// <summary>
/// Reads a notification envelope straight from the raw bytes with <see cref="Utf8JsonReader"/>, the way
/// <see cref="CallbackEnvelope"/> would deserialise (exact, case-sensitive names; unknown members skipped; the last
/// of duplicate members wins; a wrong JSON type is an error), but leaves the resource's values as slices of the body so
/// the ciphertext is Base64-decoded from its UTF-8 bytes without becoming a string first.
/// </summary>
internal static class CallbackEnvelopeReader
{
    /// <summary>A JSON string value: a slice of the body, or (when it carried escapes) its unescaped UTF-8 copy.</summary>
    internal readonly record struct Text(bool IsPresent, int Start, int Length, byte[]? Unescaped)
    {
        public ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> body) => Unescaped ?? body.Slice(Start, Length);

        public bool Equals(ReadOnlySpan<byte> body, ReadOnlySpan<byte> value) => IsPresent && Bytes(body).SequenceEqual(value);

        public string? ToString(ReadOnlySpan<byte> body) => IsPresent ? Encoding.UTF8.GetString(Bytes(body)) : null;
    }

    internal struct Envelope
    {
        public string? Id;
        public DateTimeOffset? CreateTime;
        public string? EventType;
        public string? Summary;
        public bool HasResource;
        public Text Algorithm;
        public Text Ciphertext;
        public Text AssociatedData;
        public Text Nonce;
    }

    /// <summary>False with a reason when the body is not an envelope-shaped JSON object.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out Envelope envelope, out string? error)
    {
        envelope = default;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the body is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    envelope.Id = ReadString(ref reader, "id");
                }
                else if (reader.ValueTextEquals("event_type"u8))
                {
                    envelope.EventType = ReadEventType(ref reader);
                }
                else if (reader.ValueTextEquals("create_time"u8))
                {
                    envelope.CreateTime = ReadTime(ref reader);
                }
                else if (reader.ValueTextEquals("summary"u8))
                {
                    envelope.Summary = ReadString(ref reader, "summary");
                }
                else if (reader.ValueTextEquals("resource_type"u8))
                {
                    ReadString(ref reader, "resource_type");
                }
                else if (reader.ValueTextEquals("resource"u8))
                {
                    ReadResource(ref reader, ref envelope);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "the body is not a single JSON object";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader's Get* on a token of another type (e.g. a number where a string belongs).
            error = ex.Message;
            return false;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static void ReadResource(ref Utf8JsonReader reader, ref Envelope envelope)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            envelope.HasResource = false;
            envelope.Algorithm = envelope.Ciphertext = envelope.AssociatedData = envelope.Nonce = default;
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("resource is not an object.");
        }

        envelope.HasResource = true;
        envelope.Algorithm = envelope.Ciphertext = envelope.AssociatedData = envelope.Nonce = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("algorithm"u8))
            {
                envelope.Algorithm = ReadText(ref reader, "resource.algorithm");
            }
            else if (reader.ValueTextEquals("ciphertext"u8))
            {
                envelope.Ciphertext = ReadText(ref reader, "resource.ciphertext");
            }
            else if (reader.ValueTextEquals("associated_data"u8))
            {
                envelope.AssociatedData = ReadText(ref reader, "resource.associated_data");
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                envelope.Nonce = ReadText(ref reader, "resource.nonce");
            }
            else if (reader.ValueTextEquals("original_type"u8))
            {
                ReadText(ref reader, "resource.original_type");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static Text ReadText(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => default,
            JsonTokenType.String when reader.ValueIsEscaped => new Text(true, 0, 0, Encoding.UTF8.GetBytes(reader.GetString()!)),
            JsonTokenType.String => new Text(true, checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, null),
            _ => throw new JsonException($"{name} is not a string."),
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"{name} is not a string."),
        };
    }

    /// <summary>The two flow events come back as the SDK's constants (no allocation); others as read.</summary>
    private static string? ReadEventType(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.ValueTextEquals("PAYSCORE.USER_PAID"u8) => PayScoreCallback.UserPaidEvent,
            JsonTokenType.String when reader.ValueTextEquals("PAYSCORE.USER_CONFIRM"u8) => PayScoreCallback.UserConfirmEvent,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException("event_type is not a string."),
        };
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.TryGetDateTimeOffset(out var time) => time,
            _ => throw new JsonException("create_time is not an RFC 3339 time."),
        };
    }

    /// <summary>For messages: the algorithm as text (never the ciphertext).</summary>
    internal static string Describe(Text value, ReadOnlySpan<byte> body) => value.ToString(body) ?? "(none)";

    /// <summary>Whether <c>resource.algorithm</c> is <see cref="EncryptedResource.AeadAes256Gcm"/>.</summary>
    internal static bool IsAeadAes256Gcm(Text algorithm, ReadOnlySpan<byte> body) => algorithm.Equals(body, "AEAD_AES_256_GCM"u8);
}
