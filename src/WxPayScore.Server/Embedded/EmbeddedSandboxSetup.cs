using System.Net.Sockets;
using System.Security.Cryptography;
using WxPayScore.Sandbox;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;

namespace WxPayScore.Server.Embedded;

/// <summary>
/// Embedded mode (<see cref="ServerMode.Embedded"/>, see <see cref="ServerModeResolver"/>): start the sandbox on 127.0.0.1 (<c>Sandbox:Urls</c>, a free
/// port if that one is taken), register this server there with the sandbox's demo merchant set-up
/// (<see cref="SandboxDemoMerchant"/>: keys in the data folder's <c>embedded</c> folder; service provider + sub-merchant +
/// Pay Score service + mini program; the sandbox's own WeChat Pay key and <c>PUB_KEY_ID_</c> in its data folder), and point <c>WeChatPay:BaseUrl</c>,
/// <c>MiniProgram:BaseUrl</c> and <c>PayScore:NotifyUrl</c> at the sandbox / this server. The two sub-merchants, two mini
/// programs and the devices come from <see cref="EmbeddedShowcase"/>.
/// </summary>
public static class EmbeddedSandboxSetup
{
    public const string FolderName = "embedded";

    /// <summary>Starts the sandbox and overrides the configuration; null in real mode.</summary>
    public static async Task<EmbeddedSandbox?> ConfigureAsync(WebApplicationBuilder builder, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (ServerModeResolver.Resolve(configuration, builder.Environment) != ServerMode.Embedded)
        {
            return null;
        }

        var settings = configuration.GetSection(EmbeddedSandboxOptions.SectionName).Get<EmbeddedSandboxOptions>() ?? new EmbeddedSandboxOptions();
        var dataPath = DataPaths.Resolve(builder.Environment.ContentRootPath, configuration["Server:DataPath"]);
        var folder = Path.Combine(dataPath, FolderName);
        Directory.CreateDirectory(folder);

        // The merchant's side (the sandbox's one demo merchant set-up) and the server's own admin key.
        var options = new SandboxOptions
        {
            Urls = settings.Urls,
            DataPath = Path.Combine(dataPath, "sandbox"),
            Persistence = settings.Persistence,
            CollectionMode = settings.CollectionMode,
        };
        var demo = SandboxDemoMerchant.Register(options, folder);
        var configuredAdminKey = configuration["Admin:ApiKey"];
        var adminKeyGenerated = string.IsNullOrWhiteSpace(configuredAdminKey);
        var adminKey = adminKeyGenerated
            ? SecretFiles.WriteIfAbsent(Path.Combine(folder, "admin-api-key.txt"), () => "dev-" + RandomText(24))
            : configuredAdminKey!;
        var identity = new EmbeddedIdentity(demo.MchId, demo.SubMchId, demo.ServiceId, demo.AppId, demo.AppSecret, demo.SerialNumber,
            demo.PrivateKeyPath, demo.PublicKeyPath, demo.ApiV3Key, adminKey);

        var loggerFactory = LoggerFactory.Create(logging => logging.AddSandboxConsole(configuration));
        SandboxHost host;
        string? takenUrls = null;
        try
        {
            host = await SandboxHost.StartAsync(options, time, loggerFactory, cancellationToken);
        }
        catch (Exception ex) when (IsAddressInUse(ex) && !settings.Urls.EndsWith(":0", StringComparison.Ordinal))
        {
            loggerFactory.CreateLogger(typeof(EmbeddedSandboxSetup)).LogWarning(
                "Sandbox:Urls {Urls} is taken ({Error}); the embedded sandbox uses a free port instead", settings.Urls, ex.Message);
            takenUrls = settings.Urls;
            options.Urls = "http://127.0.0.1:0";
            host = await SandboxHost.StartAsync(options, time, loggerFactory, cancellationToken);
        }

        var sandboxUrl = host.BaseUrl.ToString().TrimEnd('/');
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChatPay:MchId"] = identity.MchId,
            ["WeChatPay:MerchantSerialNumber"] = identity.MerchantSerialNumber,
            ["WeChatPay:PrivateKeyPath"] = identity.MerchantPrivateKeyPath,
            ["WeChatPay:PrivateKey"] = null,
            ["WeChatPay:ApiV3Key"] = identity.ApiV3Key,
            ["WeChatPay:PublicKeyId"] = host.PublicKeyId,
            ["WeChatPay:PublicKeyPath"] = host.PublicKeyPath,
            ["WeChatPay:BaseUrl"] = sandboxUrl,
            ["WeChatPay:BackupBaseUrl"] = string.Empty,
            ["PayScore:ServiceId"] = identity.ServiceId,
            ["PayScore:AppId"] = identity.AppId,
            ["PayScore:SubMchId"] = string.Empty,
            ["PayScore:SubAppId"] = string.Empty,
            ["PayScore:NotifyUrl"] = string.Empty,
            ["PayScore:RefundNotifyUrl"] = string.Empty,
            ["MiniProgram:AppId"] = string.Empty,
            ["MiniProgram:AppSecret"] = string.Empty,
            ["MiniProgram:BaseUrl"] = sandboxUrl,
            [$"MiniPrograms:{identity.AppId}:AppSecret"] = identity.AppSecret,
            [$"MiniPrograms:{demo.SubAppId}:AppSecret"] = demo.SubAppSecret,
            ["Admin:ApiKey"] = adminKey,
        });
        configuration.AddInMemoryCollection(EmbeddedShowcase.Settings(demo));
        return new EmbeddedSandbox(host, identity, settings.DemoUser, adminKeyGenerated, loggerFactory) { TakenUrls = takenUrls };
    }

    private static string RandomText(int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } ||
                (e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
