using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Refunds;

/// <summary>
/// Refunds checked by code that shares nothing with the SDK (as <see cref="IndependentCryptoTests"/> does for service
/// orders): the refund request and query signed with the openssl CLI, the answers verified with openssl, and the
/// REFUND.SUCCESS notification verified with openssl and decrypted with Node's crypto under <c>associated_data=refund</c>.
/// </summary>
public sealed class RefundIndependentCryptoTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wxpayscore-openssl-refund-" + Guid.NewGuid().ToString("N"));
    private TestSandbox sandbox = null!;
    private MerchantClient merchant = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "merchant_key.pem"), TestKeys.MerchantPrivateKeyPem);
        sandbox = await TestSandbox.StartAsync();
        merchant = MerchantClient.For(sandbox.Host);
        await File.WriteAllTextAsync(Path.Combine(folder, "wechatpay_pub.pem"), sandbox.Host.PublicKeyPem);
    }

    public async Task DisposeAsync()
    {
        await merchant.DisposeAsync();
        await sandbox.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_openssl_signed_refund_is_accepted_and_its_notification_verifies_and_decrypts_with_node()
    {
        await using var receiver = await LoopbackReceiver.StartAsync("/notify");
        var (_, detail) = await RefundScenario.PaidAsync(sandbox, merchant);
        var outRefundNo = "RF*" + Guid.NewGuid().ToString("N")[..12] + "@1";
        var body = "{\"sub_mchid\":\"" + TestKeys.SubMchId + "\",\"transaction_id\":\"" + detail.TransactionId + "\",\"out_refund_no\":\"" + outRefundNo +
                   "\",\"reason\":\"提前归还，退还部分租金\",\"notify_url\":\"" + receiver.Url + "\",\"amount\":{\"refund\":100,\"total\":" + detail.Amount + ",\"currency\":\"CNY\"}}";

        var (status, answer, headers) = await SendSignedAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body);
        Assert.True(status == HttpStatusCode.OK, answer);
        await VerifyWithOpensslAsync(headers, answer);
        using (var created = JsonDocument.Parse(answer))
        {
            Assert.Equal("PROCESSING", created.RootElement.GetProperty("status").GetString());
            Assert.Equal(outRefundNo, created.RootElement.GetProperty("out_refund_no").GetString());
        }

        (status, _, _) = await SendSignedAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body, tamper: true);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        var query = $"/v3/refund/domestic/refunds/{Uri.EscapeDataString(outRefundNo)}?sub_mchid={TestKeys.SubMchId}";
        Assert.Contains("%2A", query, StringComparison.Ordinal);
        (status, answer, headers) = await SendSignedAsync(HttpMethod.Get, query, null);
        Assert.True(status == HttpStatusCode.OK, answer);
        await VerifyWithOpensslAsync(headers, answer);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var callback = await receiver.NextAsync();
        await VerifyWithOpensslAsync(callback.Headers, callback.Text);
        using var envelope = JsonDocument.Parse(callback.Text);
        var root = envelope.RootElement;
        Assert.Equal("REFUND.SUCCESS", root.GetProperty("event_type").GetString());
        Assert.Equal("退款成功", root.GetProperty("summary").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("id").GetString(), out _));
        var resource = root.GetProperty("resource");
        Assert.Equal("refund", resource.GetProperty("original_type").GetString());
        Assert.Equal("refund", resource.GetProperty("associated_data").GetString());

        var decrypt = await ProcessRunner.RunAsync("node", "-e",
            "const c=require('crypto');const [k,n,a,t]=process.argv.slice(1);const b=Buffer.from(t,'base64');" +
            "const d=c.createDecipheriv('aes-256-gcm',Buffer.from(k,'utf8'),Buffer.from(n,'utf8'));d.setAuthTag(b.subarray(b.length-16));" +
            "d.setAAD(Buffer.from(a,'utf8'));process.stdout.write(Buffer.concat([d.update(b.subarray(0,b.length-16)),d.final()]).toString('utf8'));",
            TestKeys.ApiV3Key, resource.GetProperty("nonce").GetString()!, resource.GetProperty("associated_data").GetString()!,
            resource.GetProperty("ciphertext").GetString()!);
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);
        using var refund = JsonDocument.Parse(decrypt.StandardOutput);
        var r = refund.RootElement;
        Assert.Equal((TestKeys.MchId, TestKeys.SubMchId, outRefundNo, detail.TransactionId, "SUCCESS"),
            (r.GetProperty("sp_mchid").GetString(), r.GetProperty("sub_mchid").GetString(), r.GetProperty("out_refund_no").GetString(),
             r.GetProperty("transaction_id").GetString(), r.GetProperty("refund_status").GetString()));
        Assert.Equal(100, r.GetProperty("amount").GetProperty("refund").GetInt64());
        Assert.Equal(["total", "refund", "payer_total", "payer_refund"], r.GetProperty("amount").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", r.GetProperty("success_time").GetString()!);
    }

    [Fact]
    public async Task With_the_empty_associated_data_setting_the_notification_decrypts_with_an_empty_AAD_in_node_and_in_the_sdk()
    {
        await using var empty = await TestSandbox.StartAsync(o => o.RefundAssociatedData = string.Empty);
        await using var client = MerchantClient.For(empty.Host);
        await using var receiver = await CallbackReceiver.StartAsync(client.Callbacks);
        var (_, detail) = await RefundScenario.PaidAsync(empty, client);
        await client.Refunds.CreateAsync(RefundScenario.Create(detail, 100, notifyUrl: receiver.NotifyUrl));

        await empty.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));

        var received = await receiver.WaitForAsync(r => r.Any(c => c.Result.Callback is WxPayScore.Callbacks.RefundSuccessCallback));
        using var envelope = JsonDocument.Parse(received.First(c => c.Result.Callback is WxPayScore.Callbacks.RefundSuccessCallback).Body);
        var resource = envelope.RootElement.GetProperty("resource");
        Assert.Equal(string.Empty, resource.GetProperty("associated_data").GetString());
        var decrypt = await ProcessRunner.RunAsync("node", "-e",
            "const c=require('crypto');const [k,n,t]=process.argv.slice(1);const b=Buffer.from(t,'base64');" +
            "const d=c.createDecipheriv('aes-256-gcm',Buffer.from(k,'utf8'),Buffer.from(n,'utf8'));d.setAuthTag(b.subarray(b.length-16));" +
            "process.stdout.write(Buffer.concat([d.update(b.subarray(0,b.length-16)),d.final()]).toString('utf8'));",
            TestKeys.ApiV3Key, resource.GetProperty("nonce").GetString()!, resource.GetProperty("ciphertext").GetString()!);
        Assert.True(decrypt.ExitCode == 0, decrypt.StandardError);
        Assert.Contains("\"refund_status\":\"SUCCESS\"", decrypt.StandardOutput, StringComparison.Ordinal);
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
        request.Headers.TryAddWithoutValidation("Wechatpay-Serial", sandbox.Host.PublicKeyId);
        if (body is not null)
        {
            var sent = tamper ? body.Replace("\"refund\":100", "\"refund\":200", StringComparison.Ordinal) : body;
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
