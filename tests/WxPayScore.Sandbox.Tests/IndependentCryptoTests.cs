using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// The sandbox checked by code that shares nothing with the SDK: requests signed with the openssl CLI over a signing
/// string built by hand, responses and callbacks verified with openssl, the callback resource decrypted with Node's
/// crypto. So the sandbox and the SDK cannot share one bug and both call it correct.
/// </summary>
public sealed class IndependentCryptoTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wxpayscore-openssl-" + Guid.NewGuid().ToString("N"));
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "merchant_key.pem"), TestKeys.MerchantPrivateKeyPem);
        sandbox = await TestSandbox.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(folder, "wechatpay_pub.pem"), sandbox.Host.PublicKeyPem);
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Openssl_signed_requests_are_accepted_and_responses_and_callbacks_verify_and_decrypt_without_the_sdk()
    {
        // A notify_url that just records raw requests (no SDK involved).
        await using var receiver = await LoopbackReceiver.StartAsync("/notify");

        var outOrderNo = "OSSL" + Guid.NewGuid().ToString("N")[..12];
        var body = "{\"service_id\":\"" + TestKeys.ServiceId + "\",\"appid\":\"" + TestKeys.AppId + "\",\"sub_mchid\":\"" + TestKeys.SubMchId +
                   "\",\"out_order_no\":\"" + outOrderNo + "\",\"service_introduction\":\"XX充电宝\",\"risk_fund\":{\"name\":\"DEPOSIT\",\"amount\":9900}," +
                   "\"time_range\":{\"start_time\":\"OnAccept\"},\"notify_url\":\"" + receiver.Url + "\",\"need_user_confirm\":true}";

        var (status, responseBody, headers) = await SendSignedAsync(HttpMethod.Post, "/v3/payscore/partner/serviceorder", body);
        Assert.Equal(HttpStatusCode.OK, status);
        await VerifyWithOpensslAsync(headers, responseBody);
        using var created = JsonDocument.Parse(responseBody);
        Assert.Equal("CREATED", created.RootElement.GetProperty("state").GetString());
        var package = created.RootElement.GetProperty("package").GetString()!;

        var query = $"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&out_order_no={outOrderNo}";
        (status, responseBody, headers) = await SendSignedAsync(HttpMethod.Get, query, null);
        Assert.Equal(HttpStatusCode.OK, status);
        await VerifyWithOpensslAsync(headers, responseBody);

        // A tampered body is refused.
        (status, _, _) = await SendSignedAsync(HttpMethod.Post, "/v3/payscore/partner/serviceorder", body, tamper: true);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // The user confirms; the USER_CONFIRM callback arrives at the raw receiver.
        sandbox.Control.Confirm(package, "dave");
        var callback = await receiver.NextAsync();
        await VerifyWithOpensslAsync(callback.Headers, callback.Text);
        using var envelope = JsonDocument.Parse(callback.Text);
        var root = envelope.RootElement;
        Assert.Equal("PAYSCORE.USER_CONFIRM", root.GetProperty("event_type").GetString());
        Assert.Equal("encrypt-resource", root.GetProperty("resource_type").GetString());
        Assert.Equal("确认订单", root.GetProperty("summary").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", root.GetProperty("create_time").GetString()!);
        var resource = root.GetProperty("resource");
        Assert.Equal("AEAD_AES_256_GCM", resource.GetProperty("algorithm").GetString());
        Assert.Equal(string.Empty, resource.GetProperty("associated_data").GetString());
        Assert.Equal("payscore", resource.GetProperty("original_type").GetString());

        var decrypt = await ProcessRunner.RunAsync("node", "-e",
            "const c=require('crypto');const [k,n,a,t]=process.argv.slice(1);const b=Buffer.from(t,'base64');" +
            "const d=c.createDecipheriv('aes-256-gcm',Buffer.from(k,'utf8'),Buffer.from(n,'utf8'));d.setAuthTag(b.subarray(b.length-16));" +
            "d.setAAD(Buffer.from(a,'utf8'));process.stdout.write(Buffer.concat([d.update(b.subarray(0,b.length-16)),d.final()]).toString('utf8'));",
            TestKeys.ApiV3Key, resource.GetProperty("nonce").GetString()!, resource.GetProperty("associated_data").GetString()!,
            resource.GetProperty("ciphertext").GetString()!);
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);
        using var order = JsonDocument.Parse(decrypt.StandardOutput);
        Assert.Equal(outOrderNo, order.RootElement.GetProperty("out_order_no").GetString());
        Assert.Equal("DOING", order.RootElement.GetProperty("state").GetString());
        Assert.Equal("USER_CONFIRM", order.RootElement.GetProperty("state_description").GetString());
        Assert.Equal(TestKeys.MchId, order.RootElement.GetProperty("mchid").GetString());
        Assert.Equal(SandboxUsers.OpenIdFor(TestKeys.AppId, "dave"), order.RootElement.GetProperty("openid").GetString());
        Assert.False(order.RootElement.TryGetProperty("package", out _));
    }

    private async Task<(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers)> SendSignedAsync(
        HttpMethod method, string pathAndQuery, string? body, bool tamper = false)
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

        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseUrl };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{TestKeys.MchId}\",serial_no=\"{TestKeys.MerchantSerial}\",nonce_str=\"{nonce}\",timestamp=\"{timestamp}\",signature=\"{signature}\"");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "openssl-test/1.0");
        if (body is not null)
        {
            var sent = tamper ? body.Replace("XX充电宝", "YY充电宝", StringComparison.Ordinal) : body;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sent));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        using var response = await http.SendAsync(request);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    private async Task VerifyWithOpensslAsync(IReadOnlyDictionary<string, string> headers, string body)
    {
        Assert.Equal(sandbox.Host.PublicKeyId, headers["Wechatpay-Serial"]);
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
}
