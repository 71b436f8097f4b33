using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Callbacks;
using WxPayScore.Sandbox;
using WxPayScore.ServiceOrders;

namespace PackageTest;

/// <summary>
/// What a team that installed the packages writes: the sandbox in process, the SDK pointed at it, a notify_url that reads
/// callbacks with the SDK, one order created, confirmed through the sandbox, queried, and its callback read.
/// </summary>
public sealed class SandboxFlowTests : IAsyncLifetime
{
    private const string MchId = "1230000109";
    private const string SubMchId = "1900000109";
    private const string ServiceId = "2002000000000558128851361561536";
    private const string AppId = "wxd678efh567hg6787";

    private readonly RSA merchantKey = RSA.Create(2048);
    private readonly string serial = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
    private readonly string apiV3Key = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32);
    private readonly string dataPath = Directory.CreateTempSubdirectory("wxpayscore-package-test-").FullName;
    private readonly TaskCompletionSource<CallbackResult> callbacks = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SandboxHost sandbox = null!;
    private ServiceProvider merchant = null!;
    private WebApplication notify = null!;
    private string notifyUrl = string.Empty;

    public async Task InitializeAsync()
    {
        sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Urls = "http://127.0.0.1:0",
            DataPath = dataPath,
            ServiceProviders =
            {
                new SandboxServiceProvider
                {
                    MchId = MchId, SerialNumber = serial, PublicKeyPem = merchantKey.ExportSubjectPublicKeyInfoPem(), ApiV3Key = apiV3Key,
                    SubMchIds = { SubMchId },
                },
            },
            Services = { new SandboxService { ServiceId = ServiceId, Mode = "DepositWaived", RiskCap = 100_000, AppIds = { AppId } } },
        });

        var services = new ServiceCollection();
        services.AddWxPayScore(options =>
        {
            options.BaseUrl = sandbox.BaseUrl.ToString();
            options.BackupBaseUrl = null;
            options.MchId = MchId;
            options.MerchantSerialNumber = serial;
            options.PrivateKey = merchantKey.ExportPkcs8PrivateKeyPem();
            options.ApiV3Key = apiV3Key;
            options.PublicKeyId = sandbox.PublicKeyId;
            options.PublicKey = sandbox.PublicKeyPem;
        });
        merchant = services.BuildServiceProvider();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        notify = builder.Build();
        var reader = merchant.GetRequiredService<CallbackReader>();
        notify.MapPost("/notify", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var result = await reader.ReadAsync(body.ToArray(), CallbackHeaders.From(name => context.Request.Headers[name].FirstOrDefault()));
            if (result.IsValid)
            {
                callbacks.TrySetResult(result);
            }

            context.Response.StatusCode = result.IsValid ? 204 : 400;
        });
        await notify.StartAsync();
        notifyUrl = notify.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/notify";
    }

    public async Task DisposeAsync()
    {
        await notify.DisposeAsync();
        await merchant.DisposeAsync();
        await sandbox.DisposeAsync();
        merchantKey.Dispose();
        Directory.Delete(dataPath, recursive: true);
    }

    [Fact]
    public async Task Create_confirm_query_and_read_the_callback()
    {
        var orders = merchant.GetRequiredService<ServiceOrderService>();
        var outOrderNo = "PKG" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

        var created = await orders.CreateAsync(new ServiceOrderCreateOptions
        {
            ServiceId = ServiceId,
            AppId = AppId,
            SubMchId = SubMchId,
            OutOrderNo = outOrderNo,
            ServiceIntroduction = "充电宝租借",
            PostPayments = [new PostPayment { Name = "租借费用", Description = "3元/小时" }],
            RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900 },
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept },
            NotifyUrl = notifyUrl,
        });
        var confirmation = sandbox.Control.Confirm(created.Package!, user: "alice");
        var order = await orders.GetAsync(outOrderNo, new ServiceOrderGetOptions { ServiceId = ServiceId, SubMchId = SubMchId });
        var byQueryId = await orders.GetByQueryIdAsync(confirmation.QueryId, new ServiceOrderGetOptions { ServiceId = ServiceId, SubMchId = SubMchId });
        var callback = await callbacks.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("CREATED", created.State);
        Assert.Equal("DOING", order.State);
        Assert.Equal("USER_CONFIRM", order.StateDescription);
        Assert.True(order.Status.IsConfirmedByUser);
        Assert.Equal(outOrderNo, byQueryId.OutOrderNo);
        Assert.Equal(confirmation.OpenId, order.OpenId);
        var confirmed = Assert.IsType<ConfirmCallback>(callback.Callback);
        Assert.Equal(PayScoreCallback.UserConfirmEvent, confirmed.EventType);
        Assert.Equal(outOrderNo, confirmed.Order.OutOrderNo);
    }

    [Fact]
    public async Task The_installed_wxpayscore_tool_passes_doctor_against_this_sandbox()
    {
        var tool = Environment.GetEnvironmentVariable("WXPAYSCORE_TOOL");
        Assert.False(string.IsNullOrEmpty(tool), "WXPAYSCORE_TOOL must name the wxpayscore installed with dotnet tool install.");
        var keyPath = Path.Combine(dataPath, "apiclient_key.pem");
        await File.WriteAllTextAsync(keyPath, merchantKey.ExportPkcs8PrivateKeyPem());
        var start = new ProcessStartInfo(tool!, ["doctor", "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataPath,
            Environment =
            {
                ["WeChatPay__BaseUrl"] = sandbox.BaseUrl.ToString(),
                ["WeChatPay__BackupBaseUrl"] = sandbox.BaseUrl.ToString(),
                ["WeChatPay__MchId"] = MchId,
                ["WeChatPay__MerchantSerialNumber"] = serial,
                ["WeChatPay__PrivateKeyPath"] = keyPath,
                ["WeChatPay__ApiV3Key"] = apiV3Key,
                ["WeChatPay__PublicKeyId"] = sandbox.PublicKeyId,
                ["WeChatPay__PublicKeyPath"] = sandbox.PublicKeyPath,
                ["PayScore__ServiceId"] = ServiceId,
                ["PayScore__SubMchId"] = SubMchId,
            },
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{error}");
        using var report = JsonDocument.Parse(output);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
        var probe = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "probe");
        Assert.Equal("ok", probe.GetProperty("status").GetString());
    }
}
