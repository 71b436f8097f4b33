using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WxPayScore.Sandbox;
using WxPayScore.Sandbox.Hosting;

// dotnet run --project src/WxPayScore.Sandbox [-- --urls http://127.0.0.1:5090] [--Sandbox:Persistence=Sqlite]
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "sandbox.json"), optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "sandbox.json"), optional: true)
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "sandbox.local.json"), optional: true)
    .AddEnvironmentVariables("ASPNETCORE_")
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var options = new SandboxOptions();
SandboxServiceCollectionExtensions.BindSection(configuration.GetSection(SandboxOptions.SectionName), options);
options.Urls = SandboxUrls.Resolve(configuration) ?? options.Urls;
var demo = SandboxDemoMerchant.ApplyIfUnconfigured(options);

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddConfiguration(configuration.GetSection("Logging"))
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("System.Net.Http", LogLevel.Warning));

await using var sandbox = await SandboxHost.StartAsync(options, TimeProvider.System, loggerFactory);

var lines = new List<string>
{
    string.Empty,
    "WxPayScore sandbox — a local WeChat Pay Score (partner) emulator",
    $"  Listening on        {sandbox.BaseUrl}",
    $"  Dashboard           {sandbox.BaseUrl}sandbox",
    $"  Data                {Path.GetFullPath(options.DataPath)} ({options.Persistence})",
    string.Empty,
    "Point a merchant (SDK section WeChatPay) at it:",
    $"  WeChatPay:BaseUrl        = {sandbox.BaseUrl.ToString().TrimEnd('/')}",
    "  WeChatPay:BackupBaseUrl  = (empty)",
    $"  WeChatPay:PublicKeyId    = {sandbox.PublicKeyId}",
    $"  WeChatPay:PublicKeyPath  = {sandbox.PublicKeyPath}",
    $"  (legacy certificate mode: GET /v3/certificates, serial {sandbox.PlatformCertificateSerial})",
};
if (demo is not null)
{
    lines.AddRange(
    [
        string.Empty,
        "No Sandbox:ServiceProviders configured — a demo merchant was generated:",
        $"  WeChatPay:MchId                = {demo.MchId}",
        $"  WeChatPay:MerchantSerialNumber = {demo.SerialNumber}",
        $"  WeChatPay:PrivateKeyPath       = {demo.PrivateKeyPath}",
        $"  WeChatPay:ApiV3Key             = {demo.ApiV3Key}",
        $"  sub_mchid {demo.SubMchId} · service_id {demo.ServiceId} (先免, cap ¥1000) · appid {demo.AppId} (AppSecret {demo.AppSecret})",
    ]);
}

lines.Add(string.Empty);
lines.Add("Confirm page: GET /sandbox/pages/use/use?package=…&user=…&return_url=…   Control API: /sandbox/… (docs/sandbox.md)");
lines.Add("Press Ctrl+C to stop.");
Console.WriteLine(string.Join(Environment.NewLine, lines));

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
Console.WriteLine("Stopping the sandbox…");
