using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>
/// What every sandbox test registers: the service provider of <see cref="TestKeys"/> (its key, serial, APIv3 key and
/// sub-merchant) with a second and an unauthorised sub-merchant, a 先免 and a 先享 service, and the mini program with a
/// second bound AppID.
/// </summary>
public static class TestMerchant
{
    public const string OtherSubMchId = "1900000110";
    public const string UnauthorisedSubMchId = "1900000999";
    public const string EnjoyFirstServiceId = "2002000000000558128851361561537";
    public const long RiskCap = 20_000;
    public const long EnjoyFirstCap = 30_000;
    public const string SubAppId = "wxd678efh567hg6999";
    public const string UnboundAppId = "wx00000000000000bd";
    public const string UnreachableNotifyUrl = "http://127.0.0.1:9/notify";

    public static void Register(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServiceProviders.Add(new SandboxServiceProvider
        {
            MchId = TestKeys.MchId,
            SerialNumber = TestKeys.MerchantSerial,
            PublicKeyPem = TestKeys.MerchantPublicKeyPem,
            ApiV3Key = TestKeys.ApiV3Key,
            SubMchIds = [TestKeys.SubMchId, OtherSubMchId],
        });
        options.Services.Add(new SandboxService { ServiceId = TestKeys.ServiceId, Mode = "DepositWaived", RiskCap = RiskCap, AppIds = [TestKeys.AppId, SubAppId] });
        options.Services.Add(new SandboxService { ServiceId = EnjoyFirstServiceId, Mode = "EnjoyFirst", RiskCap = EnjoyFirstCap, AppIds = [TestKeys.AppId] });
        options.MiniPrograms.Add(new SandboxMiniProgram { AppId = TestKeys.AppId, AppSecret = TestKeys.AppSecret });
    }
}
