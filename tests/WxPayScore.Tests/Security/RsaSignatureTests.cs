using System.Security.Cryptography;
using System.Text;
using WxPayScore.Security;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Security;

/// <summary>Sign → verify round trips, malformed input, and interoperability with the openssl command line.</summary>
public sealed class RsaSignatureTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("wxpayscore-openssl-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Sign_then_verify_round_trips_and_the_signature_is_base64_of_256_bytes()
    {
        var message = SigningString.ForRequest("POST", "/v3/payscore/partner/serviceorder", 1735689600, Nonce.Create(), "{\"a\":\"中文\"}"u8);

        var signature = RsaSignature.Sign(TestKeys.Merchant, message);

        Assert.Equal(256, Convert.FromBase64String(signature).Length);
        Assert.True(RsaSignature.Verify(TestKeys.Merchant, message, signature));
        Assert.False(RsaSignature.Verify(TestKeys.WeChat, message, signature));
        message[^2] ^= 1;
        Assert.False(RsaSignature.Verify(TestKeys.Merchant, message, signature));
    }

    [Fact]
    public void RequestSigner_builds_a_header_whose_signature_verifies_over_the_signing_string()
    {
        var signer = new RequestSigner(TestKeys.MchId, TestKeys.MerchantSerial, TestKeys.Merchant);
        var body = "{\"x\":1}"u8.ToArray();

        var header = signer.CreateAuthorization("POST", "/v3/x?a=1", body, 1735689600, "NONCE123");

        Assert.StartsWith("WECHATPAY2-SHA256-RSA2048 ", header, StringComparison.Ordinal);
        Assert.True(AuthorizationHeader.TryParse(header, out var parsed));
        Assert.Equal(TestKeys.MchId, parsed!.MchId);
        Assert.Equal("NONCE123", parsed.NonceStr);
        Assert.Equal("1735689600", parsed.Timestamp);
        Assert.Equal(TestKeys.MerchantSerial, parsed.SerialNo);
        var expected = Encoding.UTF8.GetBytes("POST\n/v3/x?a=1\n1735689600\nNONCE123\n{\"x\":1}\n");
        Assert.True(TestKeys.Merchant.VerifyData(expected, Convert.FromBase64String(parsed.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(4096)]
    public void RequestSigner_works_with_any_RSA_key_size(int bits)
    {
        using var key = RSA.Create(bits);
        var signer = new RequestSigner(TestKeys.MchId, TestKeys.MerchantSerial, key);

        Assert.True(AuthorizationHeader.TryParse(signer.CreateAuthorization("GET", "/v3/certificates", [], 1735689600, "N"), out var parsed));

        Assert.Equal(bits / 8, Convert.FromBase64String(parsed!.Signature).Length);
        Assert.True(RsaSignature.Verify(key, Encoding.UTF8.GetBytes("GET\n/v3/certificates\n1735689600\nN\n\n"), parsed.Signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("WECHATPAY/SIGNTEST/AAAA")]
    [InlineData("AAAA")]
    public void Verify_returns_false_and_never_throws_for_malformed_signatures(string? signature)
    {
        Assert.False(RsaSignature.Verify(TestKeys.WeChat, "x"u8, signature));
    }

    [Fact]
    public void Verify_refuses_an_otherwise_valid_signature_behind_the_SIGNTEST_prefix()
    {
        var signature = RsaSignature.Sign(TestKeys.WeChat, "x"u8);

        Assert.True(RsaSignature.Verify(TestKeys.WeChat, "x"u8, signature));
        Assert.False(RsaSignature.Verify(TestKeys.WeChat, "x"u8, RsaSignature.SignTestPrefix + signature));
    }

    [Fact]
    public async Task Our_signature_verifies_with_openssl_dgst()
    {
        var message = SigningString.ForRequest("POST", "/v3/payscore/partner/serviceorder", 1735689600, Nonce.Create(), "{\"service_introduction\":\"XX充电宝\"}"u8);
        var signature = RsaSignature.Sign(TestKeys.Merchant, message);
        var pub = Write("pub.pem", PemKeys.ExportPublicKeyPem(TestKeys.Merchant));
        var msg = Write("msg.bin", message);
        var sig = Write("sig.bin", Convert.FromBase64String(signature));

        var result = await ProcessRunner.RunAsync("openssl", "dgst", "-sha256", "-verify", pub, "-signature", sig, msg);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Verified OK", result.StandardOutput, StringComparison.Ordinal);

        // The same command must fail on a changed message, or the check above proves nothing.
        message[0] ^= 0x20;
        var altered = Write("altered.bin", message);
        var negative = await ProcessRunner.RunAsync("openssl", "dgst", "-sha256", "-verify", pub, "-signature", sig, altered);
        Assert.NotEqual(0, negative.ExitCode);
    }

    [Fact]
    public async Task An_openssl_signature_verifies_with_our_code()
    {
        var message = SigningString.ForResponse("1735689601", "c5ac7061fccab6bf3e254dcf98995b8c", "{\"state\":\"CREATED\"}"u8);
        var key = Write("key.pem", TestKeys.WeChat.ExportPkcs8PrivateKeyPem());
        var msg = Write("msg.bin", message);
        var sig = Path.Combine(directory, "openssl.sig");

        var result = await ProcessRunner.RunAsync("openssl", "dgst", "-sha256", "-sign", key, "-out", sig, msg);

        Assert.Equal(0, result.ExitCode);
        var signature = Convert.ToBase64String(await File.ReadAllBytesAsync(sig));
        var publicKey = PemKeys.LoadPublicKey(PemKeys.ExportPublicKeyPem(TestKeys.WeChat));
        Assert.True(RsaSignature.Verify(publicKey, message, signature));
        Assert.False(RsaSignature.Verify(publicKey, SigningString.ForResponse("1735689602", "c5ac7061fccab6bf3e254dcf98995b8c", "{\"state\":\"CREATED\"}"u8), signature));
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
