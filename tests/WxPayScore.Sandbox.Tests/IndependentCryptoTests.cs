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
    private TestSandbox sandbox = null!;
    private OpensslMerchant openssl = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync();
        openssl = await OpensslMerchant.CreateAsync(sandbox.Host);
    }

    public async Task DisposeAsync()
    {
        await sandbox.DisposeAsync();
        openssl.Dispose();
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

        var (status, responseBody, headers) = await openssl.SendSignedAsync(HttpMethod.Post, "/v3/payscore/partner/serviceorder", body);
        Assert.Equal(HttpStatusCode.OK, status);
        await openssl.VerifyAsync(headers, responseBody);
        using var created = JsonDocument.Parse(responseBody);
        Assert.Equal("CREATED", created.RootElement.GetProperty("state").GetString());
        var package = created.RootElement.GetProperty("package").GetString()!;

        var query = $"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&out_order_no={outOrderNo}";
        (status, responseBody, headers) = await openssl.SendSignedAsync(HttpMethod.Get, query, null);
        Assert.Equal(HttpStatusCode.OK, status);
        await openssl.VerifyAsync(headers, responseBody);

        // A tampered body is refused.
        (status, _, _) = await openssl.SendSignedAsync(HttpMethod.Post, "/v3/payscore/partner/serviceorder", body, tamper: b => b.Replace("XX充电宝", "YY充电宝", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // The user confirms; the USER_CONFIRM callback arrives at the raw receiver.
        sandbox.Control.Confirm(package, "dave");
        var callback = await receiver.NextAsync();
        await openssl.VerifyAsync(callback.Headers, callback.Text);
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
}
