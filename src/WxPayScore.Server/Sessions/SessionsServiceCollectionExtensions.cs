using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Sessions;

/// <summary>Registers the mini program's log-in: the login exchange with WeChat and the session tokens.</summary>
public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MiniProgramOptions>().Bind(configuration.GetSection(MiniProgramOptions.SectionName))
            .Configure(options => configuration.GetSection(MiniProgramOptions.AppsSectionName).Bind(options.Apps)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MiniProgramOptions>, MiniProgramOptionsValidator>();
        services.AddOptions<SessionTokenOptions>().Bind(configuration.GetSection(SessionTokenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionTokenOptions>, SessionTokenOptionsValidator>();
        services.AddSingleton<SessionTokenService>();
        services.AddHttpClient<MiniProgramLoginClient>();
        return services;
    }
}
