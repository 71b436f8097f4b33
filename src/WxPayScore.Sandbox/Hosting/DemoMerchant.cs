using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Hosting;

/// <summary>
/// For <c>dotnet run</c> on a fresh machine: when no service provider is configured, a demo merchant (key pair, serial,
/// APIv3 key), one sub-merchant, one 先免 service and one mini program are generated into <c>DataPath/demo-merchant</c>
/// and registered, so the sandbox is usable at once.
/// </summary>
internal sealed record DemoMerchant(string MchId, string SerialNumber, string PrivateKeyPath, string ApiV3Key, string SubMchId,
    string ServiceId, string AppId, string AppSecret)
{
    public const string DefaultMchId = "1230000109";
    public const string DefaultSubMchId = "1900000109";
    public const string DefaultServiceId = "2002000000000558128851361561536";
    public const string DefaultAppId = "wxd678efh567hg6787";

    public static DemoMerchant? ApplyIfUnconfigured(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServiceProviders.Count > 0)
        {
            return null;
        }

        var folder = Path.GetFullPath(Path.Combine(options.DataPath, "demo-merchant"));
        Directory.CreateDirectory(folder);
        var keyPath = Path.Combine(folder, "apiclient_key.pem");
        if (!File.Exists(keyPath))
        {
            using var rsa = RSA.Create(2048);
            File.WriteAllText(keyPath, PemKeys.ExportPrivateKeyPem(rsa) + "\n");
        }

        using var key = PemKeys.LoadPrivateKey(File.ReadAllText(keyPath));
        var serial = ReadOrCreate(Path.Combine(folder, "serial_no.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
        var apiV3Key = ReadOrCreate(Path.Combine(folder, "apiv3_key.txt"),
            () => RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32));
        var secret = ReadOrCreate(Path.Combine(folder, "appsecret.txt"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());

        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = DefaultMchId,
            SerialNumber = serial,
            PublicKeyPem = PemKeys.ExportPublicKeyPem(key),
            ApiV3Key = apiV3Key,
            SubMchIds = [DefaultSubMchId],
        });
        if (options.Services.Count == 0)
        {
            options.Services.Add(new SandboxService { ServiceId = DefaultServiceId, Mode = "DepositWaived", RiskCap = 100_000, AppIds = [DefaultAppId] });
        }

        if (options.MiniPrograms.Count == 0)
        {
            options.MiniPrograms.Add(new SandboxMiniProgram { AppId = DefaultAppId, AppSecret = secret });
        }

        return new DemoMerchant(DefaultMchId, serial, keyPath, apiV3Key, DefaultSubMchId, DefaultServiceId, DefaultAppId, secret);
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        File.WriteAllText(path, value + "\n");
        return value;
    }
}
