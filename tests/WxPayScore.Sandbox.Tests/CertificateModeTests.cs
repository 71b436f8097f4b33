using System.Net.Http.Json;
using WxPayScore.Callbacks;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Tests;

/// <summary>The legacy platform-certificate mode: <c>GET /v3/certificates</c>, answers and callbacks under the certificate serial.</summary>
public sealed class CertificateModeTests
{
    [Fact]
    public async Task An_sdk_in_certificate_mode_downloads_the_certificate_and_verifies_answers_and_callbacks()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.ServiceProviders[0].PlatformKeyMode = "Certificate");
        await using var merchant = MerchantClient.For(sandbox.Host, o =>
        {
            o.PublicKey = null;
            o.PublicKeyId = null;
            o.UsePlatformCertificates = true;
        });
        await using var receiver = await CallbackReceiver.StartAsync(merchant.Callbacks);

        var created = await merchant.Orders.CreateAsync(Requests.Create(receiver.NotifyUrl));
        sandbox.Control.Confirm(created.Package!);
        var received = await receiver.WaitForAsync(r => r.Count == 1);
        Assert.Equal(sandbox.Host.PlatformCertificateSerial, received[0].Headers["Wechatpay-Serial"]);
        Assert.IsType<ConfirmCallback>(received[0].Result.Callback);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(merchant, created.OutOrderNo!)).Status.Phase);
        Assert.Matches("^[0-9A-F]{40}$", sandbox.Host.PlatformCertificateSerial);
    }

    [Fact]
    public async Task In_auto_mode_the_answer_is_signed_under_the_serial_the_request_asks_for()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await using var publicKeyMerchant = MerchantClient.For(sandbox.Host);
        var created = await Scenario.CreatedAsync(publicKeyMerchant);

        // A merchant migrating: it holds both keys and asks for the certificate serial.
        await using var migrating = MerchantClient.For(sandbox.Host, o => o.UsePlatformCertificates = true);
        var order = await Scenario.GetAsync(migrating, created.OutOrderNo!);
        Assert.Equal(created.OrderId, order.OrderId);
    }
}
