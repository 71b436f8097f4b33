using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Callbacks;
using WxPayScore.Configuration;
using WxPayScore.Http;
using WxPayScore.Refunds;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>The SDK, configured as a merchant would configure it, pointed at a sandbox.</summary>
public sealed class MerchantClient : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private MerchantClient(ServiceProvider provider)
    {
        this.provider = provider;
    }

    public ServiceOrderService Orders => provider.GetRequiredService<ServiceOrderService>();

    public RefundService Refunds => provider.GetRequiredService<RefundService>();

    public CallbackReader Callbacks => provider.GetRequiredService<CallbackReader>();

    internal WeChatPayTransport Transport => provider.GetRequiredService<WeChatPayTransport>();

    public static MerchantClient For(SandboxHost sandbox, Action<WxPayScoreOptions>? configure = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddWxPayScore(o =>
        {
            o.MchId = TestKeys.MchId;
            o.MerchantSerialNumber = TestKeys.MerchantSerial;
            o.PrivateKey = TestKeys.MerchantPrivateKeyPem;
            o.ApiV3Key = TestKeys.ApiV3Key;
            o.PublicKeyId = sandbox.PublicKeyId;
            o.PublicKey = sandbox.PublicKeyPem;
            o.BaseUrl = sandbox.BaseUrl.ToString();
            o.BackupBaseUrl = null;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetries = 3;
            configure?.Invoke(o);
        });
        return new MerchantClient(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
