namespace WxPayScore.Server.Callbacks;

/// <summary>Registers the processing of WeChat Pay's callbacks.</summary>
public static class CallbacksServiceCollectionExtensions
{
    public static IServiceCollection AddCallbacks(this IServiceCollection services)
    {
        services.AddSingleton<CallbackProcessor>();
        return services;
    }
}
