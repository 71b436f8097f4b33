using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Sandbox;

/// <summary>
/// The one demo merchant set-up, for <c>dotnet run</c> of the sandbox and the merchant server's embedded mode: a service
/// provider key pair (PEM files), certificate serial and APIv3 key, two sub-merchants (one served from the provider's
/// mini program, one with its own mini program as <c>sub_appid</c>), one 先免 service and the two mini programs,
/// generated into a folder on first use and read back afterwards, and registered in <see cref="SandboxOptions"/>.
/// Identifiers are the spec's sample ones (payscore-partner-api.md §2.3a), so logs read like the documentation.
/// </summary>
/// <param name="MchId">The service provider's merchant id.</param>
/// <param name="SerialNumber">Serial (40 hex) of the merchant API certificate.</param>
/// <param name="PrivateKeyPath">The merchant's API private key (PEM).</param>
/// <param name="PublicKeyPath">The matching public key (SPKI PEM), as registered in the sandbox.</param>
/// <param name="ApiV3Key">The 32-character APIv3 key that encrypts callbacks.</param>
/// <param name="SubMchId">The sub-merchant.</param>
/// <param name="ServiceId">The Pay Score service (先免, risk cap ¥1000).</param>
/// <param name="AppId">The mini program bound to the service.</param>
/// <param name="AppSecret">The mini program's AppSecret (jscode2session).</param>
public sealed record SandboxDemoMerchant(string MchId, string SerialNumber, string PrivateKeyPath, string PublicKeyPath, string ApiV3Key,
    string SubMchId, string ServiceId, string AppId, string AppSecret)
{
    public const string DefaultMchId = "1230000109";
    public const string DefaultSubMchId = "1900000109";
    public const string DefaultServiceId = "2002000000000558128851361561536";
    public const string DefaultAppId = "wxd678efh567hg6787";

    /// <summary>The second sub-merchant, which has a mini program of its own (<see cref="DefaultSubAppId"/>).</summary>
    public const string DefaultSecondSubMchId = "1900000110";

    /// <summary>The second sub-merchant's own mini program (sent as <c>sub_appid</c>; registered on the service).</summary>
    public const string DefaultSubAppId = "wx8888888888888888";

    /// <summary>The second sub-merchant (it has its own mini program, <see cref="SubAppId"/>).</summary>
    public string SecondSubMchId { get; init; } = DefaultSecondSubMchId;

    /// <summary>The second sub-merchant's own mini program.</summary>
    public string SubAppId { get; init; } = DefaultSubAppId;

    /// <summary>Its AppSecret (jscode2session).</summary>
    public string SubAppSecret { get; init; } = string.Empty;

    /// <summary>The demo service's risk cap in fen (¥1000).</summary>
    public const long DefaultRiskCap = 100_000;

    /// <summary>Folder under <see cref="SandboxOptions.DataPath"/> used by <see cref="ApplyIfUnconfigured"/>.</summary>
    public const string FolderName = "demo-merchant";

    /// <summary>When no service provider is configured, registers the demo merchant from <c>DataPath/demo-merchant</c>; null otherwise.</summary>
    public static SandboxDemoMerchant? ApplyIfUnconfigured(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ServiceProviders.Count > 0 ? null : Register(options, Path.Combine(options.DataPath, FolderName));
    }

    /// <summary>
    /// Loads the demo merchant's files from <paramref name="folder"/> (creating what is missing) and registers it in
    /// <paramref name="options"/>: the service provider always, the service and the mini program when none is configured.
    /// </summary>
    public static SandboxDemoMerchant Register(SandboxOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var keyPath = Path.Combine(folder, "apiclient_key.pem");
        if (!File.Exists(keyPath))
        {
            using var rsa = RSA.Create(2048);
            WriteSecret(keyPath, PemKeys.ExportPrivateKeyPem(rsa));
        }

        using var key = PemKeys.LoadPrivateKey(File.ReadAllText(keyPath));
        var publicPem = PemKeys.ExportPublicKeyPem(key);
        var publicPath = Path.Combine(folder, "apiclient_public.pem");
        if (!File.Exists(publicPath) || File.ReadAllText(publicPath).Trim() != publicPem.Trim())
        {
            File.WriteAllText(publicPath, publicPem + "\n");
        }

        var serial = ReadOrCreate(Path.Combine(folder, "serial_no.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
        var apiV3Key = ReadOrCreate(Path.Combine(folder, "apiv3_key.txt"),
            () => RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32));
        var secret = ReadOrCreate(Path.Combine(folder, "appsecret.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        var subAppSecret = ReadOrCreate(Path.Combine(folder, "sub-appsecret.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());

        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = DefaultMchId,
            SerialNumber = serial,
            PublicKeyPath = publicPath,
            ApiV3Key = apiV3Key,
            SubMchIds = [DefaultSubMchId, DefaultSecondSubMchId],
        });
        if (options.Services.Count == 0)
        {
            options.Services.Add(new SandboxService { ServiceId = DefaultServiceId, Mode = "DepositWaived", RiskCap = DefaultRiskCap, AppIds = [DefaultAppId, DefaultSubAppId] });
        }

        if (options.MiniPrograms.Count == 0)
        {
            options.MiniPrograms.Add(new SandboxMiniProgram { AppId = DefaultAppId, AppSecret = secret });
            options.MiniPrograms.Add(new SandboxMiniProgram { AppId = DefaultSubAppId, AppSecret = subAppSecret });
        }

        return new SandboxDemoMerchant(DefaultMchId, serial, keyPath, publicPath, apiV3Key, DefaultSubMchId, DefaultServiceId, DefaultAppId, secret)
        {
            SecondSubMchId = DefaultSecondSubMchId,
            SubAppId = DefaultSubAppId,
            SubAppSecret = subAppSecret,
        };
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        WriteSecret(path, value);
        return value;
    }

    private static void WriteSecret(string path, string value)
    {
        File.WriteAllText(path, value + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
