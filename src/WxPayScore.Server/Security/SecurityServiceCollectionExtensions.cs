using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Security;

/// <summary>
/// Rate limits (<c>RateLimits:*</c>) as ASP.NET Core rate-limiter policies, and forwarded headers from the proxies in
/// <c>Server:KnownProxies</c> so that limits and logs see the real client address.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Per client address: <c>POST /api/session</c>.</summary>
    public const string SessionPolicy = "session";

    /// <summary>Per user: order creation.</summary>
    public const string OrderCreatePolicy = "order-create";

    /// <summary>One concurrency limiter with a queue: <c>/notify/payscore</c>.</summary>
    public const string CallbackPolicy = "callbacks";

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<AdminAuthFailureLimiter>();
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.AddPolicy(SessionPolicy, http => limits.SessionsPerClient > 0
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.SessionsPerClient, Window = limits.SessionWindow, QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(OrderCreatePolicy, http => limits.OrderCreatesPerUser > 0
                ? RateLimitPartition.GetFixedWindowLimiter(Sessions.SessionAuthentication.OpenIdOf(http.User) ?? ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.OrderCreatesPerUser, Window = limits.OrderCreateWindow, QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

            // One limiter for all callbacks: a few at a time, the rest wait (oldest first); only a full queue refuses.
            options.AddPolicy(CallbackPolicy, _ => limits.CallbackConcurrency > 0
                ? RateLimitPartition.GetConcurrencyLimiter(CallbackPolicy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.CallbackConcurrency, QueueLimit = limits.CallbackQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        });

        var server = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;

            // Loopback stays trusted (a proxy on the same machine); anything else only when listed.
            foreach (var proxy in server.KnownProxies ?? [])
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Server:KnownProxies contains '{proxy}', which is not an IP address."));
            }
        });
        return services;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.GetEndpoint()?.Metadata.GetMetadata<RateLimitRejection>() is { } rejection)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await rejection.Write(http, cancellationToken);
            return;
        }

        await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            "This client (or user) sent too many requests; wait for the time in Retry-After.", ProblemTypes.TooManyRequests);
    }
}
