using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>
/// One real sandbox on 127.0.0.1 for the whole suite, registered with a merchant (the ids of <see cref="TestKeys"/>, the
/// key, certificate and APIv3 key made by <c>wxpayscore keys new</c>), a
/// notify_url that captures callbacks, and an SDK client that creates orders as a merchant server would.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    /// <summary>The same key and serial, registered as a merchant that never switched from platform certificates.</summary>
    public const string CertificateModeMchId = "1230000110";

    private ServiceProvider merchantServices = null!;
    private int orderCounter;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "wxpayscore-cli-tests", Guid.NewGuid().ToString("N")[..12]);

    public SandboxHost Sandbox { get; private set; } = null!;

    public LoopbackReceiver Inbox { get; private set; } = null!;

    public string MerchantFolder => Path.Combine(Root, "merchant");

    public string PrivateKeyPath => Path.Combine(MerchantFolder, "apiclient_key.pem");

    public string CertificatePath => Path.Combine(MerchantFolder, "apiclient_cert.pem");

    public string SerialNumber { get; private set; } = string.Empty;

    public string ApiV3Key { get; private set; } = string.Empty;

    public ServiceOrderService Orders => merchantServices.GetRequiredService<ServiceOrderService>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var keys = await Tool.RunAsync(Root, "keys", "new", "--out", "merchant", "--merchant-id", TestKeys.MchId, "--json");
        Assert.True(keys.ExitCode == 0, keys.ToString());
        SerialNumber = keys.Json["serial_number"]!.GetValue<string>();
        ApiV3Key = keys.Json["apiv3_key"]!.GetValue<string>();

        Inbox = await CapturedCallbacks.StartInboxAsync();
        var options = new SandboxOptions
        {
            Urls = "http://127.0.0.1:0",
            DataPath = Path.Combine(Root, "sandbox"),
            Persistence = "Memory",
            CollectionMode = "Delayed",
            CollectionDelaySeconds = 60,
        };
        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = TestKeys.MchId, SerialNumber = SerialNumber, CertificatePath = CertificatePath, ApiV3Key = ApiV3Key, SubMchIds = [TestKeys.SubMchId],
        });
        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = CertificateModeMchId, SerialNumber = SerialNumber, CertificatePath = CertificatePath, ApiV3Key = ApiV3Key, SubMchIds = [TestKeys.SubMchId],
            PlatformKeyMode = "Certificate",
        });
        options.Services.Add(new SandboxService { ServiceId = TestKeys.ServiceId, Mode = "DepositWaived", RiskCap = 100_000, AppIds = [TestKeys.AppId] });
        options.MiniPrograms.Add(new SandboxMiniProgram { AppId = TestKeys.AppId, AppSecret = TestKeys.AppSecret });
        Sandbox = await SandboxHost.StartAsync(options);

        var services = new ServiceCollection();
        services.AddWxPayScore(o =>
        {
            o.BaseUrl = Sandbox.BaseUrl.ToString();
            o.BackupBaseUrl = null;
            o.MchId = TestKeys.MchId;
            o.MerchantSerialNumber = SerialNumber;
            o.PrivateKeyPath = PrivateKeyPath;
            o.ApiV3Key = ApiV3Key;
            o.PublicKeyId = Sandbox.PublicKeyId;
            o.PublicKey = Sandbox.PublicKeyPem;
        });
        merchantServices = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await merchantServices.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Inbox.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The settings of a correctly configured merchant, as flat configuration keys.</summary>
    public Dictionary<string, string?> GoodSettings() => new()
    {
        ["WeChatPay:BaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["WeChatPay:BackupBaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["WeChatPay:MchId"] = TestKeys.MchId,
        ["WeChatPay:MerchantSerialNumber"] = SerialNumber,
        ["WeChatPay:PrivateKeyPath"] = PrivateKeyPath,
        ["WeChatPay:ApiV3Key"] = ApiV3Key,
        ["WeChatPay:PublicKeyId"] = Sandbox.PublicKeyId,
        ["WeChatPay:PublicKeyPath"] = Sandbox.PublicKeyPath,
        ["PayScore:ServiceId"] = TestKeys.ServiceId,
        ["PayScore:SubMchId"] = TestKeys.SubMchId,
    };

    /// <summary>A fresh working folder whose appsettings.json holds the good settings changed by <paramref name="change"/>.</summary>
    public string Workspace(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = GoodSettings();
        change?.Invoke(settings);
        var folder = Path.Combine(Root, "ws-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var json = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = json;
            foreach (var part in parts[..^1])
            {
                node = (JsonObject)(node[part] ??= new JsonObject());
            }

            node[parts[^1]] = value;
        }

        File.WriteAllText(Path.Combine(folder, "appsettings.json"), json.ToJsonString());
        return folder;
    }

    /// <summary>A public key that is nobody's in this sandbox.</summary>
    public string StrangerPublicKeyPath()
    {
        var path = Path.Combine(Root, "stranger_public_key.pem");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, TestKeys.AttackerPublicKeyPem);
        }

        return path;
    }

    /// <summary>A 127.0.0.1 port nothing listens on.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Creates an order (需确认, start on accept, no end time) as a merchant server would; returns its number and package.</summary>
    public async Task<(string OutOrderNo, string Package)> CreateOrderAsync()
    {
        var outOrderNo = $"CLI{Interlocked.Increment(ref orderCounter):D4}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}";
        var order = await Orders.CreateAsync(new ServiceOrderCreateOptions
        {
            ServiceId = TestKeys.ServiceId,
            AppId = TestKeys.AppId,
            SubMchId = TestKeys.SubMchId,
            OutOrderNo = outOrderNo,
            ServiceIntroduction = "充电宝租借",
            PostPayments = [new PostPayment { Name = "租借费用", Description = "3元/小时" }],
            RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900, Description = "充电宝押金" },
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept },
            NotifyUrl = Inbox.Url,
        });
        return (outOrderNo, order.Package!);
    }

    /// <summary>The sandbox's business "now" as a Pay Score time (the clock may have been advanced by a test).</summary>
    public string BusinessNow() => ServiceTime.At(Sandbox.Control.GetClock().Now).ToString();
}
