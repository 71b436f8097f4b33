using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxPayScore.Callbacks;
using WxPayScore.Cli.Configuration;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Cli.Infrastructure;

/// <summary>The SDK set up exactly as a merchant application sets it up (<c>AddWxPayScore</c> over the <c>WeChatPay</c> section).</summary>
internal sealed class MerchantConnection : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private MerchantConnection(ServiceProvider provider, ResponseLog responses)
    {
        this.provider = provider;
        Responses = responses;
    }

    public ServiceOrderService Orders => provider.GetRequiredService<ServiceOrderService>();

    public CallbackReader Callbacks => provider.GetRequiredService<CallbackReader>();

    public ResponseLog Responses { get; }

    /// <summary>Builds the SDK; invalid settings surface as a <see cref="UsageException"/> naming each of them.</summary>
    public static MerchantConnection Open(CliSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var responses = new ResponseLog();
        services.AddWxPayScore(settings.Configuration.GetSection("WeChatPay"))
            .AddHttpMessageHandler(() => new ResponseRecorder(responses));
        var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<WxPayScore.Configuration.WxPayScoreOptions>>().Value;
            return new MerchantConnection(provider, responses);
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            throw new UsageException("The WeChatPay settings are not valid (run `wxpayscore doctor --offline`):" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", ex.Failures), ex);
        }
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
