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
    private TestSandbox sandbox = null!;
    private OpensslMerchant openssl = null!;
    private MerchantClient merchant = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync();
        merchant = MerchantClient.For(sandbox.Host);
        openssl = await OpensslMerchant.CreateAsync(sandbox.Host);
    }

    public async Task DisposeAsync()
    {
        await merchant.DisposeAsync();
        await sandbox.DisposeAsync();
        openssl.Dispose();
    }

    [Fact]
    public async Task An_openssl_signed_refund_is_accepted_and_its_notification_verifies_and_decrypts_with_node()
    {
        await using var receiver = await LoopbackReceiver.StartAsync("/notify");
        var (_, detail) = await RefundScenario.PaidAsync(sandbox, merchant);
        var outRefundNo = "RF*" + Guid.NewGuid().ToString("N")[..12] + "@1";
        var body = "{\"sub_mchid\":\"" + TestKeys.SubMchId + "\",\"transaction_id\":\"" + detail.TransactionId + "\",\"out_refund_no\":\"" + outRefundNo +
                   "\",\"reason\":\"提前归还，退还部分租金\",\"notify_url\":\"" + receiver.Url + "\",\"amount\":{\"refund\":100,\"total\":" + detail.Amount + ",\"currency\":\"CNY\"}}";

        var (status, answer, headers) = await openssl.SendSignedAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body, withSerial: true);
        Assert.True(status == HttpStatusCode.OK, answer);
        await openssl.VerifyAsync(headers, answer);
        using (var created = JsonDocument.Parse(answer))
        {
            Assert.Equal("PROCESSING", created.RootElement.GetProperty("status").GetString());
            Assert.Equal(outRefundNo, created.RootElement.GetProperty("out_refund_no").GetString());
        }

        (status, _, _) = await openssl.SendSignedAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body, tamper: b => b.Replace("\"refund\":100", "\"refund\":200", StringComparison.Ordinal), withSerial: true);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        var query = $"/v3/refund/domestic/refunds/{Uri.EscapeDataString(outRefundNo)}?sub_mchid={TestKeys.SubMchId}";
        Assert.Contains("%2A", query, StringComparison.Ordinal);
        (status, answer, headers) = await openssl.SendSignedAsync(HttpMethod.Get, query, null, withSerial: true);
        Assert.True(status == HttpStatusCode.OK, answer);
        await openssl.VerifyAsync(headers, answer);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var callback = await receiver.NextAsync();
        await openssl.VerifyAsync(callback.Headers, callback.Text);
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
}
