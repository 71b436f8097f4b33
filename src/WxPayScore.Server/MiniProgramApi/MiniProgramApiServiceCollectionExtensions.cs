using WxPayScore.Server.Sessions;

namespace WxPayScore.Server.MiniProgramApi;

/// <summary>Registers what the mini program's API needs of its own: the log-in (sessions). Orders are <c>AddOrders</c>.</summary>
public static class MiniProgramApiServiceCollectionExtensions
{
    public static IServiceCollection AddMiniProgramApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSessions(configuration);
}
