using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>Builds notifications as WeChat sends them: envelope JSON with an AES-256-GCM resource, signed over the raw body.</summary>
public static class CallbackFactory
{
    public sealed record Callback(byte[] Body, CallbackHeaders Headers);

    public static string Encrypt(string plaintext, string nonce, string associatedData, string apiV3Key = TestKeys.ApiV3Key)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[input.Length + 16];
        using var aes = new AesGcm(Encoding.UTF8.GetBytes(apiV3Key), 16);
        aes.Encrypt(Encoding.UTF8.GetBytes(nonce), input, output.AsSpan(0, input.Length), output.AsSpan(input.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(output);
    }

    /// <summary>The envelope JSON; <paramref name="originalType"/> null leaves the field out, as in the partner USER_PAID example.</summary>
    public static string Envelope(string eventType, string plaintext, string associatedData = "", string? originalType = null, string? ciphertext = null, string nonce = "fdasflkja484")
    {
        var resource = new Dictionary<string, string>
        {
            ["original_type"] = originalType ?? string.Empty,
            ["algorithm"] = "AEAD_AES_256_GCM",
            ["ciphertext"] = ciphertext ?? Encrypt(plaintext, nonce, associatedData),
            ["associated_data"] = associatedData,
            ["nonce"] = nonce,
        };
        if (originalType is null)
        {
            resource.Remove("original_type");
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "EV-2018022511223320873",
            ["create_time"] = "2025-01-01T12:00:05+08:00",
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = eventType == "PAYSCORE.USER_PAID" ? "支付成功" : "确认订单",
            ["resource"] = resource,
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Signs <paramref name="body"/> as WeChat would, at <paramref name="clock"/>'s time plus <paramref name="skew"/>.</summary>
    public static CallbackHeaders Sign(byte[] body, TimeProvider clock, RSA? key = null, string serial = TestKeys.PublicKeyId, TimeSpan skew = default)
    {
        var timestamp = (clock.GetUtcNow() + skew).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = WxPayScore.Security.Nonce.Create();
        return new CallbackHeaders(timestamp, nonce, StubWeChat.Sign(key ?? TestKeys.WeChat, timestamp, nonce, body), serial, "WECHATPAY2-SHA256-RSA2048");
    }

    public static Callback Build(TimeProvider clock, string eventType, string plaintext, string associatedData = "", string? originalType = null, string serial = TestKeys.PublicKeyId)
    {
        var body = Encoding.UTF8.GetBytes(Envelope(eventType, plaintext, associatedData, originalType));
        return new Callback(body, Sign(body, clock, serial: serial));
    }
}
