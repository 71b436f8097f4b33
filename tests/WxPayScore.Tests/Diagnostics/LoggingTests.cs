using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;

namespace WxPayScore.Tests.Diagnostics;

/// <summary>Logs (every category, every level, exceptions included) never carry a private key, the APIv3 key or an Authorization value.</summary>
public sealed class LoggingTests : IAsyncLifetime, IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private StubWeChat stub = null!;
    private SdkHost sdk = null!;

    public async Task InitializeAsync()
    {
        stub = await StubWeChat.StartAsync();
        sdk = SdkHost.Create(stub.BaseUrl, logs: logs);
    }

    public async Task DisposeAsync()
    {
        await sdk.DisposeAsync();
        await stub.DisposeAsync();
        logs.Dispose();
    }

    public void Dispose() => logs.Dispose();

    [Fact]
    public async Task Succeeding_and_failing_calls_log_no_secret()
    {
        stub.Responder = r => r.Index switch
        {
            0 => StubReply.Json(Samples.CreateResponse),
            < 5 => StubReply.Error(500, "SYSTEM_ERROR", "系统错误"),
            5 => StubReply.Json(Samples.ConfirmedOrder) with { Signature = StubSignature.WrongKey },
            _ => StubReply.Error(401, "SIGN_ERROR", "签名错误"),
        };
        var query = new ServiceOrderGetOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId };

        await sdk.Orders.CreateAsync(Samples.Create());
        await Assert.ThrowsAsync<WeChatPayApiException>(() => sdk.Orders.GetAsync(Samples.OutOrderNo, query));
        await Assert.ThrowsAsync<WeChatPaySignatureException>(() => sdk.Orders.GetAsync(Samples.OutOrderNo, query));
        await Assert.ThrowsAsync<WeChatPayApiException>(() => sdk.Orders.GetAsync(Samples.OutOrderNo, query));
        var callback = CallbackFactory.Build(TimeProvider.System, "PAYSCORE.USER_CONFIRM", Samples.ConfirmedOrder);
        await sdk.Callbacks.ReadAsync(callback.Body, callback.Headers with { Signature = "WECHATPAY/SIGNTEST/x" });
        await using (var refused = SdkHost.Create(ClosedPort.Url(), logs: logs))
        {
            await Assert.ThrowsAsync<WeChatPayConnectionException>(() => refused.Orders.GetAsync(Samples.OutOrderNo, query));
        }

        var text = logs.AllText;
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

        Assert.Equal(7, stub.RequestCount);
        foreach (var request in stub.Requests)
        {
            Assert.DoesNotContain(request.Header("Authorization")!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(request.AuthorizationField("signature"), text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("signature=\"", text, StringComparison.Ordinal);
    }
}
