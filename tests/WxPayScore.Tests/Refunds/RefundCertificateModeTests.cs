using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Refunds;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>
/// An abnormal refund in the legacy platform-certificate mode: before anything is encrypted the certificates are
/// downloaded, the bank fields are encrypted for the newest certificate, and its serial is the call's Wechatpay-Serial.
/// </summary>
public sealed class RefundCertificateModeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 2, 11, 0, 0, TimeSpan.FromHours(8)));
    private StubWeChat stub = null!;

    public async Task InitializeAsync()
    {
        stub = await StubWeChat.StartAsync(clock);
        var now = clock.GetUtcNow();
        var certificate = (TestKeys.RotatedCertificateSerial, TestKeys.CertificatePem(TestKeys.WeChatRotated, TestKeys.RotatedCertificateSerial,
            now.AddYears(-1), now.AddYears(4)), now.AddYears(-1), now.AddYears(4));
        stub.SigningKey = TestKeys.WeChatRotated;
        stub.SigningSerial = TestKeys.RotatedCertificateSerial;
        stub.Responder = r => r.RawTarget == "/v3/certificates"
            ? StubReply.Json(TestCertificates.ListJson(TestKeys.ApiV3Key, [certificate])) with { Signature = StubSignature.None }
            : StubReply.Json(RefundSamples.Answer(channel: "OTHER_BANKCARD"));
    }

    public async Task DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public async Task The_bank_fields_are_encrypted_for_the_downloaded_certificate_named_in_Wechatpay_Serial()
    {
        await using var sdk = SdkHost.Create(stub.BaseUrl, o =>
        {
            o.UsePlatformCertificates = true;
            o.PublicKey = null;
            o.PublicKeyId = null;
        }, clock);

        var call = await sdk.Refunds.PrepareApplyAbnormalAsync(RefundSamples.RefundId, RefundSamples.UserBankCard());
        Assert.Equal("GET", Assert.Single(stub.Requests).Method); // the certificate download, before anything is sent
        var refund = await sdk.Refunds.SendAsync(call);

        Assert.Equal("OTHER_BANKCARD", refund.Channel);
        var request = stub.Requests.Single(r => r.Method == "POST");
        Assert.Equal(TestKeys.RotatedCertificateSerial, request.Header("Wechatpay-Serial"));
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("6222021234567890123", Encoding.UTF8.GetString(
            TestKeys.WeChatRotated.Decrypt(Convert.FromBase64String((string)body["bank_account"]!), RSAEncryptionPadding.OaepSHA1)));
    }
}
