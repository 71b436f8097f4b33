using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Callbacks;

/// <summary>Registers the processing of WeChat Pay's callbacks.</summary>
public static class CallbacksServiceCollectionExtensions
{
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallbackOptions>().Bind(configuration.GetSection(CallbackOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddSingleton<RejectedCallbacks>();
        services.AddSingleton<CallbackProcessor>();
        return services;
    }
}
