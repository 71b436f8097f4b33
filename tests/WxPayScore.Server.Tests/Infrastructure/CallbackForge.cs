using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WxPayScore.Json;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>
/// Crafts callbacks as WeChat would send them (signed with the sandbox's WeChat Pay key, encrypted with the APIv3 key),
/// and the bad variants: forged (another key), stale, SIGNTEST probe, tampered after signing.
/// </summary>
public sealed class CallbackForge : IDisposable
{
    private readonly RSA wechatKey = PemKeys.LoadPrivateKey(File.ReadAllText(TestKeys.WeChatPrivateKeyPath));
    private readonly ResourceCipher cipher = new(TestKeys.ApiV3Key);

    public ForgedCallback Build(string eventType, ServiceOrder order, string? id = null, DateTimeOffset? signedAt = null, RSA? signWith = null,
        string? signatureOverride = null, string serial = TestKeys.PublicKeyId)
    {
        ArgumentNullException.ThrowIfNull(order);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(order, WxPayScoreJsonContext.Wire.ServiceOrder);
        var resource = cipher.EncryptResource(plaintext, string.Empty, "payscore");
        var envelope = new Dictionary<string, object?>
        {
            ["id"] = id ?? Guid.NewGuid().ToString(),
            ["create_time"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = eventType.EndsWith("CONFIRM", StringComparison.Ordinal) ? "确认订单" : "支付成功",
            ["resource"] = new Dictionary<string, object?>
            {
                ["original_type"] = resource.OriginalType,
                ["algorithm"] = resource.Algorithm,
                ["ciphertext"] = resource.Ciphertext,
                ["associated_data"] = resource.AssociatedData,
                ["nonce"] = resource.Nonce,
            },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = signatureOverride ?? RsaSignature.Sign(signWith ?? wechatKey, SigningString.ForResponse(timestamp, nonce, body));
        return new ForgedCallback((string)envelope["id"]!, body, timestamp, nonce, signature, serial);
    }

    /// <summary>A <c>REFUND.*</c> notification (refunds.md §5) about <paramref name="refund"/>, with <c>associated_data</c> "refund" as in real traffic.</summary>
    public ForgedCallback BuildRefund(string eventType, WxPayScore.Refunds.RefundNotification refund, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(refund, WxPayScoreJsonContext.Wire.RefundNotification);
        return Seal(eventType, "退款通知", cipher.EncryptResource(plaintext, "refund", "refund"), id);
    }

    private ForgedCallback Seal(string eventType, string summary, EncryptedResource resource, string? id)
    {
        var envelope = new Dictionary<string, object?>
        {
            ["id"] = id ?? Guid.NewGuid().ToString(),
            ["create_time"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = summary,
            ["resource"] = new Dictionary<string, object?>
            {
                ["original_type"] = resource.OriginalType,
                ["algorithm"] = resource.Algorithm,
                ["ciphertext"] = resource.Ciphertext,
                ["associated_data"] = resource.AssociatedData,
                ["nonce"] = resource.Nonce,
            },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = RsaSignature.Sign(wechatKey, SigningString.ForResponse(timestamp, nonce, body));
        return new ForgedCallback((string)envelope["id"]!, body, timestamp, nonce, signature, TestKeys.PublicKeyId);
    }

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(ServerHost server, ForgedCallback callback, byte[]? bodyOverride = null,
        string path = "notify/payscore")
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(callback);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bodyOverride ?? callback.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", callback.Timestamp);
        request.Headers.TryAddWithoutValidation("Wechatpay-Nonce", callback.Nonce);
        request.Headers.TryAddWithoutValidation("Wechatpay-Signature", callback.Signature);
        request.Headers.TryAddWithoutValidation("Wechatpay-Serial", callback.Serial);
        request.Headers.TryAddWithoutValidation("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body with one character of the ciphertext changed (after signing).</summary>
    public static byte[] Tamper(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body);
        var at = text.IndexOf("\"ciphertext\":\"", StringComparison.Ordinal) + 20;
        var chars = text.ToCharArray();
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return Encoding.UTF8.GetBytes(chars);
    }

    public void Dispose() => wechatKey.Dispose();
}
