using WxPayScore.Sandbox;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>
/// The settings of a provider serving two sub-merchants: <c>mall</c> (served from the provider's mini program A) and
/// <c>metro</c> (its own mini program B, sent as <c>sub_appid</c>), with devices; the sandbox configured to match.
/// </summary>
public static class MultiTenantSetup
{
    public const string MallSubMchId = TestKeys.SubMchId;
    public const string MetroSubMchId = "1900000222";
    public const string AppA = TestKeys.AppId;
    public const string AppB = "wxb0b1b2b3b4b5b6b7";
    public const string AppBSecret = "test-mini-program-b-secret";

    public static SandboxOptions SandboxOptions()
    {
        var options = SandboxFixture.CreateOptions();
        options.ServiceProviders[0].SubMchIds.Add(MetroSubMchId);
        options.Services[0].AppIds.Add(AppB);
        options.MiniPrograms.Add(new SandboxMiniProgram { AppId = AppB, AppSecret = AppBSecret });
        return options;
    }

    /// <summary>The single-tenant test settings turned into two sub-merchants, two mini programs and four devices.</summary>
    public static void MultiTenant(Dictionary<string, string?> s)
    {
        s.Remove("PayScore:SubMchId");
        s.Remove("MiniProgram:AppId");
        s.Remove("MiniProgram:AppSecret");
        s[$"MiniPrograms:{AppA}:AppSecret"] = TestKeys.AppSecret;
        s[$"MiniPrograms:{AppB}:AppSecret"] = AppBSecret;
        s["PayScore:SubMerchants:mall:SubMchId"] = MallSubMchId;
        s["PayScore:SubMerchants:mall:Name"] = "星河商场充电宝";
        s["PayScore:SubMerchants:metro:SubMchId"] = MetroSubMchId;
        s["PayScore:SubMerchants:metro:Name"] = "地铁共享雨伞";
        s["PayScore:SubMerchants:metro:SubAppId"] = AppB;
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:ServiceIntroduction"] = "共享雨伞";
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:RiskFund:Name"] = "DEPOSIT";
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:RiskFund:Amount"] = "3900";
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:RiskFund:Description"] = "雨伞押金";
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:Fees:0:Name"] = "租借费用";
        s["PayScore:SubMerchants:metro:Plans:umbrella-daily:Fees:0:Description"] = "2元/天";
        Device(s, "PB-A-001", "mall", "A座大堂", "powerbank-hourly");
        Device(s, "PB-B-002", "mall", "B座咖啡厅", null);
        Device(s, "UM-L2-01", "metro", "人民广场站B口", "umbrella-daily");
        Device(s, "PB-OFF-9", "mall", "维修间", null);
        s["Devices:PB-OFF-9:Enabled"] = "false";
    }

    private static void Device(Dictionary<string, string?> s, string id, string subMerchant, string location, string? plan)
    {
        s[$"Devices:{id}:SubMerchant"] = subMerchant;
        s[$"Devices:{id}:Location"] = location;
        if (plan is not null)
        {
            s[$"Devices:{id}:Plans:0"] = plan;
        }
    }
}
