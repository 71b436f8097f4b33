using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Refunds;

/// <summary>Registers refunds: their settings, the admin service, the callback route and the refund reconciler.</summary>
public static class RefundsServiceCollectionExtensions
{
    public static IServiceCollection AddRefunds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RefundOptions>().Bind(configuration.GetSection(RefundOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RefundOptions>, RefundOptionsValidator>();
        services.AddSingleton<RefundTransitions>();
        services.AddSingleton<RefundSender>();
        services.AddSingleton<OrderRefunds>();
        services.AddSingleton<RefundCallbacks>();
        services.AddSingleton<RefundReconciler>();
        services.AddHostedService<RefundReconcilerService>();
        return services;
    }
}
