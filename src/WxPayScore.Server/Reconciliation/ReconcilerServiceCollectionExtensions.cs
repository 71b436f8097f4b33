using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Reconciliation;

/// <summary>Registers the reconciler and its background service.</summary>
public static class ReconcilerServiceCollectionExtensions
{
    public static IServiceCollection AddReconciler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReconcilerOptions>().Bind(configuration.GetSection(ReconcilerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcilerOptions>, ReconcilerOptionsValidator>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService<ReconcilerService>();
        return services;
    }
}
