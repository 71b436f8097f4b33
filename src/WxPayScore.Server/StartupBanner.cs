using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Diagnostics;
using WxPayScore.Server.Embedded;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server;

/// <summary>
/// The one start-up banner: mode, the URLs a newcomer opens and, in embedded sandbox mode, the admin key — one log entry
/// written after Kestrel started, so it is the last block on the console. Also the console format of the embedded
/// sandbox's own log lines (prefixed <c>sandbox</c>, hosting chatter dropped) so they do not read as a second server.
/// </summary>
public static class StartupBanner
{

    public static void Write(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WxPayScore.Server");
        var address = (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080")
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var embedded = app.Services.GetService<EmbeddedSandbox>();
        var wechat = app.Services.GetRequiredService<IOptions<WxPayScore.Configuration.WxPayScoreOptions>>().Value;
        var notify = app.Services.GetRequiredService<NotifyUrlProvider>().Get();

        var text = new StringBuilder();
        void Line(string value) => text.Append('\n').Append(value);
        if (embedded is not null)
        {
            var keys = Path.GetDirectoryName(embedded.Identity.MerchantPrivateKeyPath)!;
            if (!app.Environment.IsDevelopment())
            {
                logger.LogWarning(
                    "Server:Mode is Embedded in the {Environment} environment: WeChat Pay is the in-process sandbox and no real payment happens. Never use this in production.",
                    app.Environment.EnvironmentName);
            }

            text.Append("WxPayScore server · 支付分商户后台 — EMBEDDED SANDBOX MODE 沙箱模式 (Server:Mode=Embedded): no real WeChat Pay is used.");
            Line($"  Demo:      {address}/");
            Line($"  Dashboard: {address}/admin");
            Line(embedded.AdminKeyGenerated
                ? $"  Admin key: {embedded.Identity.AdminApiKey}   (X-Api-Key of the dashboard; generated, stored in {Path.Combine(keys, "admin-api-key.txt")})"
                : "  Admin key: Admin:ApiKey from the configuration");
            Line($"  API docs:  {address}/docs");
            Line($"  Health:    {address}/health/ready");
            Line($"  Sandbox:   {embedded.Host.BaseUrl} plays WeChat Pay (WeChatPay:BaseUrl), mini-program login (MiniProgram:BaseUrl) and the Pay Score confirm page; callbacks go to {notify} (PayScore:NotifyUrl).");
            if (embedded.TakenUrls is { } taken)
            {
                Line($"             Sandbox:Urls {taken} is taken; the embedded sandbox listens on {embedded.Host.BaseUrl} instead.");
            }

            Line(string.Create(CultureInfo.InvariantCulture,
                $"  Identity:  merchant {embedded.Identity.MchId}, sub-merchant {embedded.Identity.SubMchId}, service {embedded.Identity.ServiceId}, mini program {embedded.Identity.AppId}; keys generated in {keys}."));
            Line($"  Storage:   {(storage.IsPostgres ? "PostgreSQL" : "SQLite")}");
            logger.LogWarning("{Banner}", text.ToString());
            return;
        }

        text.Append($"WxPayScore server · 支付分商户后台 — Real WeChat Pay mode: merchant {wechat.MchId}, WeChat Pay at {wechat.BaseUrl}, callbacks to {notify}");
        Line($"  Dashboard: {address}/admin");
        Line($"  API docs:  {address}/docs");
        Line($"  Health:    {address}/health/ready (details with X-Api-Key), {address}/health/live");
        Line($"  Demo:      {address}/");
        Line($"  Storage:   {(storage.IsPostgres ? "PostgreSQL" : "SQLite")}");
        logger.LogInformation("{Banner}", text.ToString());
    }

    /// <summary>
    /// Console logging of the embedded sandbox: the server's own log settings, minus the sandbox host's start-up chatter
    /// ("Now listening on", "Application started") and of a failed bind the server handles, each line prefixed <c>sandbox</c>.
    /// </summary>
    public static ILoggingBuilder AddSandboxConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        return logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            // A sandbox host that fails to start throws to the server, which falls back or stops with the error.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddConsole(console => console.FormatterName = SandboxConsoleFormatter.FormatterName)
            .AddConsoleFormatter<SandboxConsoleFormatter, ConsoleFormatterOptions>();
    }
}
