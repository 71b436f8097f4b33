using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Diagnostics;

/// <summary>Logs (every category, every level, exceptions included) never carry a private key, the APIv3 key or an Authorization value.</summary>
public sealed class LoggingTests : StubWeChatTestBase, IDisposable
{
    private readonly LogCapture logs = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        logs.Dispose();
    }

    public void Dispose() => logs.Dispose();

    protected override SdkHost CreateSdk(Uri baseUrl) => SdkHost.Create(baseUrl, logs: logs);

    [Fact]
    public async Task Succeeding_and_failing_calls_log_no_secret()
    {
        Stub.Responder = r => r.Index switch
        {
            0 => StubReply.Json(Samples.CreateResponse),
            < 5 => StubReply.Error(500, "SYSTEM_ERROR", "系统错误"),
            5 => StubReply.Json(Samples.ConfirmedOrder) with { Signature = StubSignature.WrongKey },
            _ => StubReply.Error(401, "SIGN_ERROR", "签名错误"),
        };

        await Sdk.Orders.CreateAsync(Samples.Create());
        await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
        await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
        await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
        var callback = CallbackFactory.Build(TimeProvider.System, "PAYSCORE.USER_CONFIRM", Samples.ConfirmedOrder);
        await Sdk.Callbacks.ReadAsync(callback.Body, callback.Headers with { Signature = "WECHATPAY/SIGNTEST/x" });
        await using (var refused = SdkHost.Create(ClosedPort.Url(), logs: logs))
        {
            await Assert.ThrowsAsync<WeChatPayConnectionException>(() => refused.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
        }

        var text = logs.Text;
        Assert.NotEmpty(logs.Lines);
        Assert.Contains("SYSTEM_ERROR", text, StringComparison.Ordinal); // the failures were logged, so the check below means something
        Assert.Contains("08F78BB5AF0610D302189F99DD5C20BA56F89845-500", text, StringComparison.Ordinal);
        Assert.Contains("SignatureProbe", text, StringComparison.Ordinal);

        Assert.DoesNotContain(TestKeys.ApiV3Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        foreach (var line in TestKeys.MerchantPrivateKeyPem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line.Trim(), text, StringComparison.Ordinal);
        }

        Assert.Equal(7, Stub.RequestCount);
        foreach (var request in Stub.Requests)
        {
            Assert.DoesNotContain(request.Header("Authorization")!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(request.AuthorizationField("signature"), text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("signature=\"", text, StringComparison.Ordinal);
    }
}
