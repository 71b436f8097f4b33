using System.Net.Sockets;
using System.Security.Cryptography;
using WxPayScore.Sandbox;
using WxPayScore.Security;
using WxPayScore.Server.Configuration;
using WxPayScore.Server.Diagnostics;

namespace WxPayScore.Server.Embedded;

/// <summary>
/// Embedded mode: when <c>WeChatPay:MchId</c> is not set, start the sandbox on 127.0.0.1 (<c>Sandbox:Urls</c>, a free
/// port if that one is taken), generate the keys the merchant needs into the data folder, register this server there
/// as service provider + sub-merchant + Pay Score service + mini program, and point <c>WeChatPay:BaseUrl</c>,
/// <c>MiniProgram:BaseUrl</c> and <c>PayScore:NotifyUrl</c> at the sandbox / this server.
/// </summary>
public static class EmbeddedSandboxSetup
{
    public const string FolderName = "embedded";

    public static bool IsEmbedded(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration["WeChatPay:MchId"]);
    }

    /// <summary>Starts the sandbox and overrides the configuration; null in real mode.</summary>
    public static async Task<EmbeddedSandbox?> ConfigureAsync(WebApplicationBuilder builder, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!IsEmbedded(configuration))
        {
            return null;
        }

        var settings = configuration.GetSection(EmbeddedSandboxOptions.SectionName).Get<EmbeddedSandboxOptions>() ?? new EmbeddedSandboxOptions();
        var dataPath = DataPaths.Resolve(builder.Environment.ContentRootPath, configuration["Server:DataPath"]);
        var folder = Path.Combine(dataPath, FolderName);
        Directory.CreateDirectory(folder);

        // The merchant's side: API key pair, certificate serial, APIv3 key, mini-program secret, admin key.
        var merchantKeyPath = Path.Combine(folder, "apiclient_key.pem");
        var merchantPublicPath = Path.Combine(folder, "apiclient_public.pem");
        EnsureKeyPair(merchantKeyPath, merchantPublicPath);
        var serial = SecretFiles.WriteIfAbsent(Path.Combine(folder, "merchant_serial.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
        var apiV3Key = SecretFiles.WriteIfAbsent(Path.Combine(folder, "apiv3.key"), () => RandomText(32));
        var appSecret = SecretFiles.WriteIfAbsent(Path.Combine(folder, "miniprogram_secret.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        var configuredAdminKey = configuration["Admin:ApiKey"];
        var adminKeyGenerated = string.IsNullOrWhiteSpace(configuredAdminKey);
        var adminKey = adminKeyGenerated
            ? SecretFiles.WriteIfAbsent(Path.Combine(folder, "admin-api-key.txt"), () => "dev-" + RandomText(24))
            : configuredAdminKey!;

        // WeChat Pay's side (played by the sandbox): its signing key, kept so that restarts verify as before.
        var wechatKeyPath = Path.Combine(folder, "wechatpay_platform_key.pem");
        EnsureKeyPair(wechatKeyPath, Path.Combine(folder, "wechatpay_public.pem"));
        var publicKeyId = SecretFiles.WriteIfAbsent(Path.Combine(folder, "wechatpay_public_key_id.txt"),
            () => "PUB_KEY_ID_01" + string.Concat(Enumerable.Range(0, 30).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10)))));

        var identity = new EmbeddedIdentity(EmbeddedIdentity.DefaultMchId, EmbeddedIdentity.DefaultSubMchId, EmbeddedIdentity.DefaultServiceId,
            EmbeddedIdentity.DefaultAppId, appSecret, serial, merchantKeyPath, merchantPublicPath, apiV3Key, adminKey);
        var options = new SandboxOptions
        {
            Urls = settings.Urls,
            DataPath = Path.Combine(dataPath, "sandbox"),
            PrivateKeyPath = wechatKeyPath,
            PublicKeyId = publicKeyId,
            Persistence = settings.Persistence,
            CollectionMode = settings.CollectionMode,
            ServiceProviders =
            [
                new SandboxServiceProvider
                {
                    MchId = identity.MchId, SerialNumber = serial, PublicKeyPath = merchantPublicPath, ApiV3Key = apiV3Key,
                    SubMchIds = [identity.SubMchId],
                },
            ],
            Services = [new SandboxService { ServiceId = identity.ServiceId, Mode = "DepositWaived", RiskCap = 100_000, AppIds = [identity.AppId] }],
            MiniPrograms = [new SandboxMiniProgram { AppId = identity.AppId, AppSecret = appSecret }],
        };

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
            ["WeChatPay:MerchantSerialNumber"] = serial,
            ["WeChatPay:PrivateKeyPath"] = merchantKeyPath,
            ["WeChatPay:PrivateKey"] = null,
            ["WeChatPay:ApiV3Key"] = apiV3Key,
            ["WeChatPay:PublicKeyId"] = host.PublicKeyId,
            ["WeChatPay:PublicKeyPath"] = host.PublicKeyPath,
            ["WeChatPay:BaseUrl"] = sandboxUrl,
            ["WeChatPay:BackupBaseUrl"] = string.Empty,
            ["PayScore:ServiceId"] = identity.ServiceId,
            ["PayScore:AppId"] = identity.AppId,
            ["PayScore:SubMchId"] = identity.SubMchId,
            ["PayScore:SubAppId"] = string.Empty,
            ["PayScore:NotifyUrl"] = string.Empty,
            ["MiniProgram:AppId"] = identity.AppId,
            ["MiniProgram:AppSecret"] = appSecret,
            ["MiniProgram:BaseUrl"] = sandboxUrl,
            ["Admin:ApiKey"] = adminKey,
        });
        return new EmbeddedSandbox(host, identity, settings.DemoUser, adminKeyGenerated, loggerFactory) { TakenUrls = takenUrls };
    }

    private static void EnsureKeyPair(string privatePath, string publicPath)
    {
        var privatePem = SecretFiles.WriteIfAbsent(privatePath, () =>
        {
            using var rsa = RSA.Create(2048);
            return PemKeys.ExportPrivateKeyPem(rsa);
        });
        if (!File.Exists(publicPath))
        {
            using var rsa = PemKeys.LoadPrivateKey(privatePem);
            File.WriteAllText(publicPath, PemKeys.ExportPublicKeyPem(rsa));
        }
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
