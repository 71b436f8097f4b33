using System.Text;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Json;
using WxPayScore.Tests.Infrastructure;

namespace WxPayScore.Tests.Callbacks;

/// <summary>
/// The callback path reads the envelope with a hand-written Utf8JsonReader loop (no strings for the ciphertext); it must
/// accept and refuse exactly what deserialising <see cref="CallbackEnvelope"/> would.
/// </summary>
public sealed class CallbackEnvelopeReaderTests
{
    private static readonly string Valid = CallbackFactory.Envelope(PayScoreCallback.UserPaidEvent, Samples.PaidOrder, "payscore", "payscore");

    public static TheoryData<string> Variants() => new()
    {
        Valid,
        Valid.Replace("/", "\\/", StringComparison.Ordinal), // escaped solidus, as some serialisers write it
        Valid.Replace("\"PAYSCORE.USER_PAID\"", "\"PAYSCORE.USER\\u005FPAID\"", StringComparison.Ordinal),
        Valid.Replace("\"id\"", "\"i\\u0064\"", StringComparison.Ordinal),
        Valid.Replace("\"create_time\":\"2025-01-01T12:00:05+08:00\"", "\"create_time\":null", StringComparison.Ordinal),
        Valid.Replace("\"create_time\":\"2025-01-01T12:00:05+08:00\"", "\"create_time\":\"2025-01-01\"", StringComparison.Ordinal),
        Valid.Replace("\"create_time\":\"2025-01-01T12:00:05+08:00\"", "\"create_time\":\"yesterday\"", StringComparison.Ordinal),
        Valid.Replace("\"summary\":\"支付成功\"", "\"summary\":5", StringComparison.Ordinal),
        Valid.Replace("\"resource_type\":\"encrypt-resource\"", "\"resource_type\":{}", StringComparison.Ordinal),
        Valid.Replace("\"resource\":{", "\"extra\":{\"a\":[1,2,{\"b\":null}]},\"resource\":{\"more\":[true],", StringComparison.Ordinal),
        Valid.Replace("\"resource\":{", "\"resource\":null,\"resource\":{", StringComparison.Ordinal), // duplicate: last wins
        Valid[..Valid.IndexOf(",\"resource\"", StringComparison.Ordinal)] + ",\"resource\":null}",
        Valid[..Valid.IndexOf(",\"resource\"", StringComparison.Ordinal)] + ",\"resource\":[]}",
        Valid[..Valid.IndexOf(",\"resource\"", StringComparison.Ordinal)] + ",\"resource\":{}}",
        Valid.Replace("\"nonce\":\"fdasflkja484\"", "\"nonce\":12", StringComparison.Ordinal),
        Valid.Replace("\"original_type\":\"payscore\"", "\"original_type\":null", StringComparison.Ordinal),
        Valid.Replace("\"ID\"", "\"ID\"", StringComparison.Ordinal).Replace("\"id\"", "\"ID\"", StringComparison.Ordinal), // names are case-sensitive
        Valid + " ",
        Valid + "x",
        Valid + "{}",
        "[" + Valid + "]",
        "{}",
        "null",
        "",
        "{\"id\":\"a\",}",
        "{\"id\":\"a\" /* comment */}",
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Agrees_with_the_serialiser(string json) => AssertAgrees(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Agrees_with_the_serialiser_on_random_damage()
    {
        var random = new Random(1038);
        var original = Encoding.UTF8.GetBytes(Valid);
        for (var i = 0; i < 3000; i++)
        {
            var damaged = original.ToList();
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                var at = random.Next(damaged.Count);
                switch (random.Next(3))
                {
                    case 0:
                        damaged.RemoveAt(at);
                        break;
                    case 1:
                        const string tokens = "{}[]\",:\\ anu0";
                        damaged.Insert(at, (byte)tokens[random.Next(tokens.Length)]);
                        break;
                    default:
                        damaged[at] = (byte)random.Next(32, 127);
                        break;
                }
            }

            AssertAgrees(damaged.ToArray());
        }
    }

    private static void AssertAgrees(byte[] body)
    {
        CallbackEnvelope? expected;
        try
        {
            expected = JsonSerializer.Deserialize(body, WxPayScoreJsonContext.Wire.CallbackEnvelope);
        }
        catch (JsonException)
        {
            expected = null;
        }

        var ok = CallbackEnvelopeReader.TryRead(body, out var actual, out var error);
        var text = Encoding.UTF8.GetString(body);
        if (expected is null)
        {
            // "null" deserialises to null without an exception; the reader refuses it (not an object): both are refusals.
            Assert.False(ok && actual.HasResource && actual.Id is not null, $"serialiser refused, reader accepted: {text}");
            return;
        }

        Assert.True(ok, $"serialiser accepted, reader refused ({error}): {text}");
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.EventType, actual.EventType);
        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.CreateTime, actual.CreateTime);
        Assert.Equal(expected.Resource is not null, actual.HasResource);
        Assert.Equal(expected.Resource?.Algorithm, actual.Algorithm.ToString(body));
        Assert.Equal(expected.Resource?.Ciphertext, actual.Ciphertext.ToString(body));
        Assert.Equal(expected.Resource?.AssociatedData, actual.AssociatedData.ToString(body));
        Assert.Equal(expected.Resource?.Nonce, actual.Nonce.ToString(body));
    }
}
