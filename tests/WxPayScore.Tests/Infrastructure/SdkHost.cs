using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Callbacks;
using WxPayScore.Configuration;
using WxPayScore.Refunds;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Infrastructure;

/// <summary>The SDK as an application wires it: <c>services.AddWxPayScore(o => …)</c>, pointed at local stubs.</summary>
public sealed class SdkHost : IAsyncDisposable
{
    private SdkHost(ServiceProvider services)
    {
        Services = services;
    }

    public ServiceProvider Services { get; }

    public ServiceOrderService Orders => Services.GetRequiredService<ServiceOrderService>();

    public RefundService Refunds => Services.GetRequiredService<RefundService>();

    public CallbackReader Callbacks => Services.GetRequiredService<CallbackReader>();

    /// <summary>Options that work against a stub at <paramref name="baseUrl"/>; no backup host unless a test sets one.</summary>
    public static void Defaults(WxPayScoreOptions o, Uri? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.MchId = TestKeys.MchId;
        o.MerchantSerialNumber = TestKeys.MerchantSerial;
        o.PrivateKey = TestKeys.MerchantPrivateKeyPem;
        o.ApiV3Key = TestKeys.ApiV3Key;
        o.PublicKeyId = TestKeys.PublicKeyId;
        o.PublicKey = TestKeys.WeChatPublicKeyPem;
        o.BaseUrl = (baseUrl ?? new Uri("http://127.0.0.1:9")).ToString().TrimEnd('/');
        o.BackupBaseUrl = null;
        o.MaxRetries = 3;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        o.AttemptTimeout = TimeSpan.FromSeconds(20);
        o.TotalTimeout = TimeSpan.FromSeconds(40);
    }

    public static SdkHost Create(Uri? baseUrl, Action<WxPayScoreOptions>? configure = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        services.AddWxPayScore(o =>
        {
            Defaults(o, baseUrl);
            configure?.Invoke(o);
        });
        return new SdkHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
