using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using WxPayScore.Callbacks;
using WxPayScore.Configuration;
using WxPayScore.Http;
using WxPayScore.Refunds;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;
using WxPayScore.Diagnostics;

// In the namespace of IServiceCollection, as the platform's own Add… methods are, so that no extra using is needed.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SDK: options (validated at start-up), key material, the resilient signed HttpClient and the services.</summary>
public static class WxPayScoreServiceCollectionExtensions
{
    /// <summary>Binds <see cref="WxPayScoreOptions"/> from a configuration section (normally <c>WeChatPay</c>); returns the SDK's HttpClient builder.</summary>
    public static IHttpClientBuilder AddWxPayScore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<WxPayScoreOptions>().Bind(section).Configure(options =>
        {
            // Binding skips an empty value, which would leave the computed default in place: an explicit "" disables fail-over.
            if (section.GetSection(nameof(WxPayScoreOptions.BackupBaseUrl)) is { Value: { Length: 0 } })
            {
                options.BackupBaseUrl = string.Empty;
            }
        });
        return AddCore(services);
    }

    /// <summary>Configures <see cref="WxPayScoreOptions"/> in code; returns the SDK's HttpClient builder (to add handlers or replace the primary one).</summary>
    public static IHttpClientBuilder AddWxPayScore(this IServiceCollection services, Action<WxPayScoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WxPayScoreOptions>().Configure(configure);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<WxPayScoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WxPayScoreOptions>, WxPayScoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<MerchantCredentials>();
        services.TryAddSingleton<PlatformCertificateDownloader>();
        services.TryAddSingleton<IVerificationKeyStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WxPayScoreOptions>>().Value;
            var credentials = sp.GetRequiredService<MerchantCredentials>();
            return new VerificationKeyStore(credentials.PublicKeyId, credentials.PublicKey,
                options.UsePlatformCertificates ? sp.GetRequiredService<PlatformCertificateDownloader>() : null,
                sp.GetRequiredService<TimeProvider>(), options.CertificateRefreshInterval);
        });
        services.TryAddSingleton(sp => new SignatureVerifier(
            sp.GetRequiredService<IVerificationKeyStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WxPayScoreOptions>>().Value.TimestampTolerance));
        services.TryAddSingleton<WeChatPayTransport>();
        services.TryAddSingleton(static sp => new ServiceOrderService(sp.GetRequiredService<WeChatPayTransport>()));
        services.TryAddSingleton(static sp => new RefundService(sp.GetRequiredService<WeChatPayTransport>(), sp.GetRequiredService<IVerificationKeyStore>()));
        services.TryAddSingleton(static sp => new CallbackReader(sp.GetRequiredService<SignatureVerifier>(), sp.GetRequiredService<MerchantCredentials>(),
            sp.GetRequiredService<IOptions<WxPayScoreOptions>>(), sp.GetRequiredService<ILogger<CallbackReader>>()));
        services.TryAddTransient<SigningHandler>();

        var builder = services.AddHttpClient(WeChatPayTransport.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        // IHttpClientFactory's default loggers redact header values only in the formatted message: the structured state
        // of their Trace-level "Request Headers" entry carries the raw Authorization value, which a JSON or OpenTelemetry
        // log exporter would write out. The SDK logs each exchange itself (WeChatPayTransport), without secrets.
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler("wxpayscore", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WxPayScoreOptions>>().Value;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    OnRetry = static args =>
                    {
                        // The retry shows on the SDK's own span of the call (each attempt is an HttpClient span below it).
                        if (Activity.Current is { Source.Name: WxPayScoreDiagnostics.Name } call)
                        {
                            call.AddEvent(new ActivityEvent("wxpayscore.retry", tags: new ActivityTagsCollection
                            {
                                { "wxpayscore.attempt", args.AttemptNumber + 1 },
                                { "http.response.status_code", (int?)args.Outcome.Result?.StatusCode },
                                { "error.type", args.Outcome.Exception?.GetType().FullName },
                            }));
                        }

                        // A connection-level failure of the primary host: WeChat's advice is to use api2 for the next attempts.
                        if (args.Outcome.Exception is HttpRequestException { StatusCode: null } &&
                            args.Context.GetRequestMessage() is { } request)
                        {
                            request.Options.Set(WeChatPayRequestContext.UseBackupHost, true);
                        }

                        return default;
                    },
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
            context.EnableReloads<WxPayScoreOptions>();
        });
        builder.AddHttpMessageHandler<SigningHandler>();
        return builder;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
        _ => false,
    };
}
