using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.ConfirmPage;
using WxPayScore.Sandbox.Faults;
using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.MiniProgram;
using WxPayScore.Sandbox.Notifications;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Persistence;
using WxPayScore.Sandbox.Security;

namespace WxPayScore.Sandbox;

/// <summary>Registers the sandbox in any host; map its endpoints with <see cref="SandboxEndpointRouteBuilderExtensions.MapWxPayScoreSandbox"/>.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SandboxOptions"/> from a configuration section (normally <c>Sandbox</c>).</summary>
    public static IServiceCollection AddWxPayScoreSandbox(this IServiceCollection services, IConfiguration sandboxSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sandboxSection);
        services.AddOptions<SandboxOptions>().Configure(options => BindSection(sandboxSection, options));
        return AddCore(services);
    }

    public static IServiceCollection AddWxPayScoreSandbox(this IServiceCollection services, Action<SandboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SandboxOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Binds a <c>Sandbox</c> section onto <paramref name="options"/>. A configured <c>NotificationRetrySeconds</c> replaces the
    /// default schedule (the configuration binder would otherwise append it to the default list).
    /// </summary>
    public static void BindSection(IConfiguration sandboxSection, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(sandboxSection);
        ArgumentNullException.ThrowIfNull(options);
        sandboxSection.Bind(options);
        var schedule = sandboxSection.GetSection(nameof(SandboxOptions.NotificationRetrySeconds));
        if (schedule.Exists())
        {
            options.NotificationRetrySeconds = schedule.Get<List<int>>() ?? [];
        }

        var refundSchedule = sandboxSection.GetSection(nameof(SandboxOptions.RefundNotificationRetrySeconds));
        if (refundSchedule.Exists())
        {
            options.RefundNotificationRetrySeconds = refundSchedule.Get<List<int>>() ?? [];
        }
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddLogging();
        services.AddHttpClient(CallbackSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CallbackSender.CreateHandler);
        services.TryAddSingleton(sp => new SandboxClock(
            sp.GetService<SandboxWallClock>()?.Time ?? sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SandboxOptions>>().Value;
            return SandboxKeys.LoadOrCreate(o.DataPath, o.PrivateKeyPath, o.PublicKeyId, sp.GetRequiredService<SandboxClock>().Wall);
        });
        services.TryAddSingleton<ISandboxStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SandboxOptions>>().Value;
            return o.Persistence?.Trim().ToUpperInvariant() switch
            {
                "SQLITE" => new SqliteSandboxStore(o.DataPath),
                "MEMORY" or "" or null => new MemorySandboxStore(),
                _ => throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions),
                    [$"Sandbox:Persistence must be Memory or Sqlite; got '{o.Persistence}'."]),
            };
        });
        services.TryAddSingleton<MerchantRegistry>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<WeChatSigner>();
        services.TryAddSingleton<NotificationDispatcher>();
        services.TryAddSingleton<OrderBook>();
        services.TryAddSingleton<WxPayScore.Sandbox.Refunds.RefundBook>();
        services.TryAddSingleton<LoginCodeBook>();
        services.TryAddSingleton<RequestAuthenticator>();
        services.TryAddSingleton<WeChatApi>();
        services.TryAddSingleton<PageSessions>();
        services.TryAddSingleton<SandboxRuntime>();
        services.TryAddSingleton(sp => new SandboxControl(sp.GetRequiredService<SandboxRuntime>()));
        services.AddHostedService<SandboxBackgroundService>();
        return services;
    }
}
