using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Admin;

/// <summary>Registers the admin API: its key, the order queries and the order actions.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminOrderQueries>();
        services.AddSingleton<AdminOrderActions>();
        services.AddSingleton<AdminApiKey>();
        return services;
    }
}
