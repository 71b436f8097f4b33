using WxPayScore.Sandbox;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>An in-process sandbox on 127.0.0.1 (dynamic port) playing WeChat Pay, with the test merchant registered.</summary>
public class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Host { get; private set; } = null!;

    public SandboxControl Control => Host.Control;

    public Uri BaseUrl => Host.BaseUrl;

    public static SandboxOptions CreateOptions(string collectionMode = "Immediate") => new()
    {
        Urls = "http://127.0.0.1:0",
        DataPath = TempFolders.Create("sandbox"),
        PrivateKeyPath = TestKeys.WeChatPrivateKeyPath,
        PublicKeyId = TestKeys.PublicKeyId,
        Persistence = "Memory",
        CollectionMode = collectionMode,
        ServiceProviders =
        [
            new SandboxServiceProvider
            {
                MchId = TestKeys.MchId, SerialNumber = TestKeys.MerchantSerial, PublicKeyPath = TestKeys.MerchantPublicKeyPath,
                ApiV3Key = TestKeys.ApiV3Key, SubMchIds = [TestKeys.SubMchId],
            },
        ],
        Services = [new SandboxService { ServiceId = TestKeys.ServiceId, Mode = "DepositWaived", RiskCap = 100_000, AppIds = [TestKeys.AppId] }],
        MiniPrograms = [new SandboxMiniProgram { AppId = TestKeys.AppId, AppSecret = TestKeys.AppSecret }],
    };

    /// <summary>How the simulated user pays after completion (Immediate by default).</summary>
    protected virtual string CollectionMode => "Immediate";

    public async Task InitializeAsync()
    {
        var options = CreateOptions(CollectionMode);
        Configure(options);
        Host = await SandboxHost.StartAsync(options);
    }

    /// <summary>Changes the options before the sandbox starts.</summary>
    protected virtual void Configure(SandboxOptions options)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
