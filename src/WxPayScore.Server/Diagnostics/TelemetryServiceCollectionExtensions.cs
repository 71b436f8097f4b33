using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WxPayScore.Diagnostics;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Diagnostics;

/// <summary>
/// OpenTelemetry for the server: traces (incoming requests, the server's work, the SDK's WeChat calls and each HTTP
/// attempt of their retries, the embedded sandbox's side, PostgreSQL commands) and metrics (the SDK's and the server's
/// meters, ASP.NET Core, HttpClient, Polly retries, rate limiting, Npgsql), exported over OTLP. On only when the
/// standard variables ask for it (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the per-signal
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> / <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c>); nothing is collected otherwise.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "wxpayscore-server";

    /// <summary>Polly's meter: Microsoft.Extensions.Http.Resilience reports each retry of the SDK's calls there.</summary>
    public const string ResilienceMeter = "Polly";

    /// <summary>ASP.NET Core's rate-limiting meter (rejections are counted there once a limiter is configured).</summary>
    public const string RateLimitingMeter = "Microsoft.AspNetCore.RateLimiting";

    public static IServiceCollection AddServerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var traces = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || IsSet(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var metrics = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || IsSet(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase) || (!traces && !metrics))
        {
            return services;
        }

        var postgres = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.IsPostgres == true;
        var serviceName = IsSet(configuration, "OTEL_SERVICE_NAME") ? configuration["OTEL_SERVICE_NAME"]! : DefaultServiceName;
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(ServerApplication).Assembly.GetName().Version?.ToString()));
        if (traces)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(ServerDiagnostics.Name, WxPayScoreDiagnostics.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter();
                if (postgres)
                {
                    tracing.AddNpgsql();
                }
            });
        }

        if (metrics)
        {
            otel.WithMetrics(meters =>
            {
                meters.AddMeter(ServerDiagnostics.Name, WxPayScoreDiagnostics.Name, ResilienceMeter, RateLimitingMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter();
                if (postgres)
                {
                    meters.AddNpgsqlInstrumentation();
                }
            });
            services.AddHostedService<OrderPhaseMetrics>();
        }

        return services;
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
