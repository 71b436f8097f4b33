using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Sandbox;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Reconciliation;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>
/// A real server (Kestrel on 127.0.0.1, a free port) configured in real mode against an in-process sandbox — as a
/// deployment with credentials would be — on the given storage. Disposing stops it (like a process exit).
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(WebApplication app, Uri baseUrl, LogCapture logs)
    {
        App = app;
        BaseUrl = baseUrl;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    public LogCapture Logs { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public Reconciler Reconciler => Services.GetRequiredService<Reconciler>();

    /// <summary>The settings of a real-mode server pointing at <paramref name="sandbox"/>.</summary>
    public static Dictionary<string, string?> RealModeSettings(SandboxHost sandbox, TestStorage storage, int port, string dataPath) => new()
    {
        ["urls"] = $"http://127.0.0.1:{port}",
        ["Server:DataPath"] = dataPath,
        ["WeChatPay:MchId"] = TestKeys.MchId,
        ["WeChatPay:MerchantSerialNumber"] = TestKeys.MerchantSerial,
        ["WeChatPay:PrivateKeyPath"] = TestKeys.MerchantPrivateKeyPath,
        ["WeChatPay:ApiV3Key"] = TestKeys.ApiV3Key,
        ["WeChatPay:PublicKeyId"] = sandbox.PublicKeyId,
        ["WeChatPay:PublicKeyPath"] = sandbox.PublicKeyPath,
        ["WeChatPay:BaseUrl"] = sandbox.BaseUrl.ToString().TrimEnd('/'),
        ["WeChatPay:BackupBaseUrl"] = string.Empty,
        ["WeChatPay:RetryBaseDelay"] = "00:00:00.020",
        ["WeChatPay:AttemptTimeout"] = "00:00:05",
        ["PayScore:ServiceId"] = TestKeys.ServiceId,
        ["PayScore:AppId"] = TestKeys.AppId,
        ["PayScore:SubMchId"] = TestKeys.SubMchId,
        ["PayScore:NotifyUrl"] = $"http://127.0.0.1:{port}/notify/payscore",
        ["PayScore:Plans:powerbank-hourly:ServiceIntroduction"] = "充电宝租借",
        ["PayScore:Plans:powerbank-hourly:RiskFund:Name"] = "DEPOSIT",
        ["PayScore:Plans:powerbank-hourly:RiskFund:Amount"] = "9900",
        ["PayScore:Plans:powerbank-hourly:RiskFund:Description"] = "充电宝押金",
        ["PayScore:Plans:powerbank-hourly:Fees:0:Name"] = "租借费用",
        ["PayScore:Plans:powerbank-hourly:Fees:0:Description"] = "3元/小时",
        ["PayScore:Plans:powerbank-hourly:Location"] = "A座大堂",
        ["MiniProgram:AppId"] = TestKeys.AppId,
        ["MiniProgram:AppSecret"] = TestKeys.AppSecret,
        ["MiniProgram:BaseUrl"] = sandbox.BaseUrl.ToString().TrimEnd('/'),
        ["Storage:Provider"] = storage.Provider,
        ["Storage:ConnectionString"] = storage.ConnectionString,
        ["Admin:ApiKey"] = ServerSecrets.AdminKey,
        ["Sessions:SigningKey"] = ServerSecrets.SessionKey,
        // The suites log in and create far more than a real user: limits stay on, far out of reach (RateLimitTests lower them).
        ["RateLimits:SessionsPerClient"] = "1000000",
        ["RateLimits:OrderCreatesPerUser"] = "1000000",
        ["RateLimits:OpenOrdersPerUser"] = "1000000",
        ["RateLimits:AdminAuthFailuresPerClient"] = "1000000",
        ["Reconciler:Enabled"] = "false",
        ["Reconciler:PendingCreateGrace"] = "00:00:01",
        ["Reconciler:CreatedAge"] = "00:00:01",
        ["Reconciler:ActiveInterval"] = "00:00:01",
        ["Reconciler:Interval"] = "00:00:00.200",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:WxPayScore"] = "Information",
    };

    public static Task<ServerHost> StartAsync(SandboxHost sandbox, TestStorage storage, Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? time = null, string? dataPath = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var port = FreePort();
        var settings = RealModeSettings(sandbox, storage, port, dataPath ?? TempFolders.Create("server"));
        configure?.Invoke(settings);
        return StartAsync(settings, time);
    }

    /// <summary>
    /// Starts a server with exactly these settings in the given host environment (Production, as a deployment, unless
    /// told; in Development a server without WeChatPay:MchId runs embedded, as <c>dotnet run</c> does).
    /// </summary>
    public static async Task<ServerHost> StartAsync(Dictionary<string, string?> settings, TimeProvider? time = null, string environment = "Production", Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logs = new LogCapture(LogLevel.Information);
        var app = await ServerApplication.BuildAsync(["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        }, time);
        try
        {
            await ServerApplication.StartAsync(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.First().Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return new ServerHost(app, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    public async Task<T> QueryDbAsync<T>(Func<PayScoreDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var factory = Services.GetRequiredService<IDbContextFactory<PayScoreDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await query(db);
    }

    public Task<OrderRecord?> FindOrderAsync(string outOrderNo) =>
        QueryDbAsync(db => db.Orders.FirstOrDefaultAsync(o => o.OutOrderNo == outOrderNo));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
