using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using WxPayScore.Server.Admin;
using WxPayScore.Server.MiniProgramApi;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Dashboard;
using WxPayScore.Server.Demo;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Health;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Reconciliation;
using WxPayScore.Server.Refunds;
using WxPayScore.Server.Security;
using WxPayScore.Server.Sessions;
using WxPayScore.Server.Journal;

namespace WxPayScore.Server;

/// <summary>
/// Builds the server: configuration (<c>Server:Mode</c>: embedded sandbox or real WeChat Pay, see <see cref="ServerModeResolver"/>), services, storage,
/// endpoints. <c>Program</c> runs it; the tests build it with their own configuration and Kestrel on 127.0.0.1:0.
/// </summary>
public static class ServerApplication
{
    /// <summary>Builds the application (the embedded sandbox, if any, is already running) and creates the schema.</summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = DefaultContentRoot(args) });
        configure?.Invoke(builder);
        time ??= TimeProvider.System;

        var embedded = await EmbeddedSandboxSetup.ConfigureAsync(builder, time, cancellationToken);
        if (embedded is null)
        {
            RealModeConfiguration.EnsureComplete(builder.Configuration, builder.Environment);
        }

        try
        {
            ConfigureServices(builder, time, embedded);
            var app = builder.Build();
            ConfigurePipeline(app);
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            await app.Services.GetRequiredService<Orders.Devices.DeviceSeeder>().SeedAsync(cancellationToken);
            return app;
        }
        catch
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The current directory (as usual, e.g. under <c>dotnet run</c>), unless it has no <c>appsettings.json</c> while the
    /// server's own folder has one (a published server started from elsewhere); <c>--contentRoot</c> still wins.
    /// </summary>
    public static string? DefaultContentRoot(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var current = Directory.GetCurrentDirectory();
        return !File.Exists(Path.Combine(current, "appsettings.json")) && File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            ? AppContext.BaseDirectory
            : null;
    }

    /// <summary>Starts the application and writes the start-up banner (mode, URLs).</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken);
        StartupBanner.Write(app);
        ServerDiagnostics.Meter.CreateObservableGauge("wxpayscore.server.up", () => 1);
    }

    public static void ConfigureServices(WebApplicationBuilder builder, TimeProvider time, EmbeddedSandbox? embedded)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddSingleton(time);
        if (embedded is not null)
        {
            services.AddSingleton(embedded);
            services.AddHostedService<EmbeddedSandboxLifetime>();
        }

        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName));
        services.AddSingleton<InstanceIdentity>();

        // The SDK: WeChatPay section (BaseUrl may be http://127.0.0.1:… for the sandbox); its certificate download is journaled.
        services.AddWxPayScore(configuration.GetSection("WeChatPay")).AddHttpMessageHandler<CertificateDownloadJournalHandler>();

        // The features, each with its options and their validators.
        services.AddStorage(configuration, DataPaths.Resolve(builder.Environment.ContentRootPath, configuration["Server:DataPath"]));
        services.AddJournal();
        services.AddOrders(configuration);
        services.AddMiniProgramApi(configuration);
        services.AddCallbacks(configuration);
        services.AddAdmin(configuration);
        services.AddReconciler(configuration);
        services.AddRefunds(configuration);
        services.AddSecurity(configuration);
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthentication.Scheme, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SessionAuthentication.Policy, policy => policy.AddAuthenticationSchemes(SessionAuthentication.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminAuthentication.Policy, policy => policy.AddAuthenticationSchemes(AdminAuthentication.Scheme).RequireAuthenticatedUser());
        services.AddServerTelemetry(configuration);
        services.AddSingleton<FrontEndFiles>();
        services.AddHttpClient(WeChatPayHealthCheck.HttpClientName);

        // HTTP: JSON, problems, docs, health, limits.
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        var maxBody = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>()?.MaxRequestBodyBytes ?? new ServerOptions().MaxRequestBodyBytes;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => ProblemDefaults.Fill(context, maxBody));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WxPayScore merchant server";
            document.Info.Description = "Mini-program API, WeChat Pay Score callback endpoint and admin API (X-Api-Key).";
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, _, _) =>
        {
            // Only for the router (AuthenticatedBodyConventions): the documented body is JSON.
            operation.RequestBody?.Content?.Remove(AuthenticatedBodyConventions.AnyContentType);
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<WeChatPayHealthCheck>("wechatpay");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.AddServerHeader = false;
        });
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["Urls"]) &&
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFrontEnd();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapMiniProgramApi(server.MaxRequestBodyBytes);
        if (app.Services.GetService<EmbeddedSandbox>() is not null)
        {
            app.MapDemoApi();
        }

        app.MapCallbackEndpoints();
        app.MapAdminApi(server.MaxRequestBodyBytes);
        app.MapRefunds(server.MaxRequestBodyBytes);
        app.MapDashboard();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("WxPayScore merchant server")
            .DisableDefaultFonts() // no font CDN: the page works offline and makes no failed request
            .DisableAgent()
            .HideDeveloperTools()
            .HideClientButton()
            .WithNonce() // its one inline loader script runs by nonce under the page's CSP
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteLiveAsync,
        });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }
}
