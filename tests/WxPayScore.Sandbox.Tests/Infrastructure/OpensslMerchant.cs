using System.Globalization;
using System.Net;
using System.Text;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A merchant that shares no code with the SDK: it signs requests with the openssl CLI over a signing string built by
/// hand and verifies the sandbox's answers and callbacks with openssl against the sandbox's public key.
/// </summary>
public sealed class OpensslMerchant : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wxpayscore-openssl-" + Guid.NewGuid().ToString("N"));
    private readonly SandboxHost host;

    private OpensslMerchant(SandboxHost host) => this.host = host;

    public static async Task<OpensslMerchant> CreateAsync(SandboxHost host)
    {
        var merchant = new OpensslMerchant(host);
        Directory.CreateDirectory(merchant.folder);
        await File.WriteAllTextAsync(Path.Combine(merchant.folder, "merchant_key.pem"), TestKeys.MerchantPrivateKeyPem);
        await File.WriteAllTextAsync(Path.Combine(merchant.folder, "wechatpay_pub.pem"), host.PublicKeyPem);
        return merchant;
    }

    /// <summary>Sends the request signed with openssl; <paramref name="tamper"/> changes the body after signing.</summary>
    public async Task<(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers)> SendSignedAsync(
        HttpMethod method, string pathAndQuery, string? body, Func<string, string>? tamper = null, bool withSerial = false)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N").ToUpperInvariant();
        var message = method.Method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + (body ?? string.Empty) + "\n";
        var messagePath = Path.Combine(folder, "request.txt");
        var signaturePath = Path.Combine(folder, "request.sig");
        await File.WriteAllBytesAsync(messagePath, Encoding.UTF8.GetBytes(message));
        var sign = await ProcessRunner.RunAsync("openssl", "dgst", "-sha256", "-sign", Path.Combine(folder, "merchant_key.pem"), "-out", signaturePath, messagePath);
        Assert.True(sign.ExitCode == 0, sign.StandardError);
        var signature = Convert.ToBase64String(await File.ReadAllBytesAsync(signaturePath));

        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{TestKeys.MchId}\",serial_no=\"{TestKeys.MerchantSerial}\",nonce_str=\"{nonce}\",timestamp=\"{timestamp}\",signature=\"{signature}\"");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "openssl-test/1.0");
        if (withSerial)
        {
            request.Headers.TryAddWithoutValidation("Wechatpay-Serial", host.PublicKeyId);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(tamper is null ? body : tamper(body)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        using var response = await http.SendAsync(request);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    /// <summary>Checks an answer's or a callback's signature headers and verifies the signature with openssl.</summary>
    public async Task VerifyAsync(IReadOnlyDictionary<string, string> headers, string body)
    {
        Assert.Equal(host.PublicKeyId, headers["Wechatpay-Serial"]);
        Assert.Equal("WECHATPAY2-SHA256-RSA2048", headers["Wechatpay-Signature-Type"]);
        var message = headers["Wechatpay-Timestamp"] + "\n" + headers["Wechatpay-Nonce"] + "\n" + body + "\n";
        var messagePath = Path.Combine(folder, "response.txt");
        var signaturePath = Path.Combine(folder, "response.sig");
        await File.WriteAllBytesAsync(messagePath, Encoding.UTF8.GetBytes(message));
        await File.WriteAllBytesAsync(signaturePath, Convert.FromBase64String(headers["Wechatpay-Signature"]));
        var verify = await ProcessRunner.RunAsync("openssl", "dgst", "-sha256", "-verify", Path.Combine(folder, "wechatpay_pub.pem"), "-signature", signaturePath, messagePath);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
        Assert.Contains("Verified OK", verify.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
