using System.Security.Cryptography;
using WxPayScore.Security;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>The service provider, sub-merchants, services and mini program every test registers.</summary>
public static class TestMerchant
{
    public const string MchId = "1230000109";
    public const string SerialNumber = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string ApiV3Key = "0123456789abcdef0123456789abcdef";
    public const string SubMchId = "1900000109";
    public const string OtherSubMchId = "1900000110";
    public const string UnauthorisedSubMchId = "1900000999";
    public const string ServiceId = "2002000000000558128851361561536";
    public const string EnjoyFirstServiceId = "2002000000000558128851361561537";
    public const long RiskCap = 20_000;
    public const long EnjoyFirstCap = 30_000;
    public const string AppId = "wxd678efh567hg6787";
    public const string SubAppId = "wxd678efh567hg6999";
    public const string UnboundAppId = "wx00000000000000bd";
    public const string AppSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    public const string UnreachableNotifyUrl = "http://127.0.0.1:9/notify";

    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    public static RSA PrivateKey => Key.Value;

    public static string PrivateKeyPem => PemKeys.ExportPrivateKeyPem(Key.Value);

    public static string PublicKeyPem => PemKeys.ExportPublicKeyPem(Key.Value);

    public static void Register(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = MchId,
            SerialNumber = SerialNumber,
            PublicKeyPem = PublicKeyPem,
            ApiV3Key = ApiV3Key,
            SubMchIds = [SubMchId, OtherSubMchId],
        });
        options.Services.Add(new SandboxService { ServiceId = ServiceId, Mode = "DepositWaived", RiskCap = RiskCap, AppIds = [AppId, SubAppId] });
        options.Services.Add(new SandboxService { ServiceId = EnjoyFirstServiceId, Mode = "EnjoyFirst", RiskCap = EnjoyFirstCap, AppIds = [AppId] });
        options.MiniPrograms.Add(new SandboxMiniProgram { AppId = AppId, AppSecret = AppSecret });
    }
}
