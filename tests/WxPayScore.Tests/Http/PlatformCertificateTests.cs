using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Errors;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Http;

/// <summary>Legacy platform-certificate mode: download and decrypt /v3/certificates, re-download on an unknown serial, and the public-key migration.</summary>
public sealed class PlatformCertificateTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(8)));
    private readonly List<(string Serial, string Pem, DateTimeOffset Effective, DateTimeOffset Expire)> published = [];
    private StubWeChat stub = null!;

    public async Task InitializeAsync()
    {
        stub = await StubWeChat.StartAsync(clock);
        var now = clock.GetUtcNow();
        published.Add((TestKeys.CertificateSerial, TestKeys.CertificatePem(TestKeys.WeChat, TestKeys.CertificateSerial, now.AddYears(-1), now.AddYears(4)),
            now.AddYears(-1), now.AddYears(4)));
        stub.SigningSerial = TestKeys.CertificateSerial;
        stub.Responder = r => r.RawTarget == "/v3/certificates"
            ? StubReply.Json(TestCertificates.ListJson(TestKeys.ApiV3Key, [.. published])) with { Signature = StubSignature.None }
            : StubReply.Json(Samples.ConfirmedOrder);
    }

    public async Task DisposeAsync() => await stub.DisposeAsync();

    private SdkHost CertificateModeClient(bool withPublicKey = false) => SdkHost.Create(stub.BaseUrl, o =>
    {
        o.UsePlatformCertificates = true;
        if (!withPublicKey)
        {
            o.PublicKey = null;
            o.PublicKeyId = null;
        }
    }, clock);

    private int Downloads => stub.Requests.Count(r => r.RawTarget == "/v3/certificates");

    [Fact]
    public async Task Certificates_are_downloaded_decrypted_and_used_to_verify()
    {
        await using var sdk = CertificateModeClient();

        var order = await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        Assert.Equal("DOING", order.State);
        Assert.Equal(1, Downloads);
        var download = stub.Requests.First(r => r.RawTarget == "/v3/certificates");
        Assert.Equal("GET", download.Method);
        Assert.True(download.SignatureVerifies, "the certificate download is signed like any request");
        Assert.Contains(TestKeys.CertificateSerial, ((VerificationKeyStore)sdk.Services.GetRequiredService<IVerificationKeyStore>()).KnownSerials);

        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);
        Assert.Equal(1, Downloads); // cached by serial
    }

    [Fact]
    public async Task The_newest_certificate_serial_is_sent_as_Wechatpay_Serial_after_the_first_download()
    {
        await using var sdk = CertificateModeClient();

        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);
        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        Assert.Equal(TestKeys.CertificateSerial, stub.Requests[^1].Header("Wechatpay-Serial"));
    }

    [Fact]
    public async Task An_unknown_serial_triggers_a_new_download_that_finds_the_rotated_certificate()
    {
        await using var sdk = CertificateModeClient();
        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);
        var now = clock.GetUtcNow();
        published.Add((TestKeys.RotatedCertificateSerial,
            TestKeys.CertificatePem(TestKeys.WeChatRotated, TestKeys.RotatedCertificateSerial, now, now.AddYears(5)), now, now.AddYears(5)));
        stub.SigningKey = TestKeys.WeChatRotated;
        stub.SigningSerial = TestKeys.RotatedCertificateSerial;
        clock.Advance(VerificationKeyStore.MinimumRefreshGap + TimeSpan.FromSeconds(1));

        var order = await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        Assert.Equal("DOING", order.State);
        Assert.Equal(2, Downloads);
    }

    [Fact]
    public async Task A_serial_that_is_still_unknown_after_the_download_is_refused()
    {
        await using var sdk = CertificateModeClient();
        stub.Responder = r => r.RawTarget == "/v3/certificates"
            ? StubReply.Json(TestCertificates.ListJson(TestKeys.ApiV3Key, [.. published])) with { Signature = StubSignature.None }
            : StubReply.Json(Samples.ConfirmedOrder) with { Serial = TestKeys.RotatedCertificateSerial, Key = TestKeys.WeChatRotated };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(ResponseVerificationFailure.UnknownSerial, ex.Failure);
    }

    [Fact]
    public async Task A_certificate_encrypted_with_another_APIv3_key_is_not_trusted()
    {
        await using var sdk = CertificateModeClient();
        stub.Responder = r => r.RawTarget == "/v3/certificates"
            ? StubReply.Json(TestCertificates.ListJson("fedcba9876543210fedcba9876543210", [.. published])) with { Signature = StubSignature.None }
            : StubReply.Json(Samples.ConfirmedOrder);

        var ex = await Assert.ThrowsAsync<WeChatPayException>(() => sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(ResourceDecryptionFailure.AuthenticationFailed, Assert.IsType<ResourceDecryptionException>(ex.InnerException).Failure);
        Assert.Equal("08F78BB5AF0610D302189F99DD5C20BA56F89845-0", ex.RequestId);
    }

    [Fact]
    public async Task A_failed_scheduled_refresh_keeps_verifying_with_the_certificates_already_held()
    {
        await using var sdk = CertificateModeClient();
        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);
        stub.Responder = r => r.RawTarget == "/v3/certificates"
            ? StubReply.Error(403, "NO_AUTH", "当前无权限")
            : StubReply.Json(Samples.ConfirmedOrder);
        clock.Advance(TimeSpan.FromHours(13));

        Assert.Equal("DOING", (await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query)).State);
        Assert.Equal("DOING", (await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query)).State);

        Assert.Equal(2, Downloads); // tried once, not again on the very next call
    }

    [Fact]
    public async Task A_callback_whose_certificates_cannot_be_downloaded_is_refused_not_thrown()
    {
        await using var sdk = CertificateModeClient();
        stub.Responder = _ => StubReply.Error(403, "NO_AUTH", "当前无权限");
        var callback = CallbackFactory.Build(clock, "PAYSCORE.USER_CONFIRM", Samples.ConfirmedOrder, serial: TestKeys.CertificateSerial);

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.False(result.IsValid);
        Assert.Equal(WxPayScore.Callbacks.CallbackFailure.UnknownSerial, result.Failure);
    }

    [Fact]
    public async Task A_callback_signed_with_a_platform_certificate_is_accepted()
    {
        await using var sdk = CertificateModeClient();
        var callback = CallbackFactory.Build(clock, "PAYSCORE.USER_CONFIRM", Samples.ConfirmedOrder, serial: TestKeys.CertificateSerial);

        var result = await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(1, Downloads);
    }

    [Fact]
    public async Task Certificates_are_downloaded_again_after_the_refresh_interval()
    {
        await using var sdk = CertificateModeClient();
        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        Assert.Equal(2, Downloads);
    }

    [Fact]
    public async Task During_the_migration_both_a_public_key_id_and_a_certificate_serial_verify()
    {
        await using var sdk = CertificateModeClient(withPublicKey: true);
        stub.Responder = r => r.RawTarget switch
        {
            "/v3/certificates" => StubReply.Json(TestCertificates.ListJson(TestKeys.ApiV3Key, [.. published])) with { Signature = StubSignature.None },
            _ when r.Index % 2 == 0 => StubReply.Json(Samples.ConfirmedOrder) with { Serial = TestKeys.PublicKeyId },
            _ => StubReply.Json(Samples.ConfirmedOrder) with { Serial = TestKeys.CertificateSerial },
        };

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("DOING", (await sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query)).State);
        }

        var answered = stub.Requests.Where(r => r.RawTarget != "/v3/certificates").ToArray();
        Assert.Equal(4, answered.Length);
        Assert.All(answered, r => Assert.Equal(TestKeys.PublicKeyId, r.Header("Wechatpay-Serial"))); // ask for public-key signatures
        Assert.Equal(1, Downloads);
    }
}
