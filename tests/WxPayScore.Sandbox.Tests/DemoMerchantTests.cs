using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.ServiceOrders;
using WxPayScore.Sandbox.Tests.Infrastructure;

namespace WxPayScore.Sandbox.Tests;

/// <summary>The one demo merchant set-up (dotnet run and the server's embedded mode) and the one <c>PUB_KEY_ID_</c> format.</summary>
public sealed partial class DemoMerchantTests
{
    [Fact]
    public async Task The_demo_merchant_is_generated_once_reused_after_and_can_call_the_sandbox()
    {
        var data = TestSandbox.NewDataPath();
        try
        {
            var options = new SandboxOptions { Urls = "http://127.0.0.1:0", DataPath = data };
            var demo = SandboxDemoMerchant.ApplyIfUnconfigured(options)!;
            Assert.NotNull(demo);
            Assert.Null(SandboxDemoMerchant.ApplyIfUnconfigured(options)); // now configured
            var again = SandboxDemoMerchant.Register(new SandboxOptions { DataPath = data }, Path.Combine(data, SandboxDemoMerchant.FolderName));
            Assert.Equal(demo, again);
            Assert.Equal(Path.Combine(Path.GetFullPath(data), "demo-merchant", "apiclient_key.pem"), demo.PrivateKeyPath);
            Assert.Matches("^[0-9A-F]{40}$", demo.SerialNumber);
            Assert.Equal(32, demo.ApiV3Key.Length);

            await using var host = await SandboxHost.StartAsync(options);
            Assert.Matches(PublicKeyIdPattern(), host.PublicKeyId);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddWxPayScore(o =>
            {
                o.MchId = demo.MchId;
                o.MerchantSerialNumber = demo.SerialNumber;
                o.PrivateKey = File.ReadAllText(demo.PrivateKeyPath);
                o.ApiV3Key = demo.ApiV3Key;
                o.PublicKeyId = host.PublicKeyId;
                o.PublicKey = host.PublicKeyPem;
                o.BaseUrl = host.BaseUrl.ToString();
                o.BackupBaseUrl = null;
            });
            await using var provider = services.BuildServiceProvider();
            var orders = provider.GetRequiredService<ServiceOrderService>();
            var created = await orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl, subMchId: demo.SubMchId) with
            {
                ServiceId = demo.ServiceId,
                AppId = demo.AppId,
            });
            Assert.Equal("CREATED", created.State);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Generated_public_key_ids_have_the_specs_shape()
    {
        Assert.Matches(PublicKeyIdPattern(), Security.SandboxKeys.NewPublicKeyId());
        Assert.Matches(PublicKeyIdPattern(), "PUB_KEY_ID_0000000000000024101100397200000006"); // apiv3-security.md §1 example
    }

    [GeneratedRegex("^PUB_KEY_ID_[0-9]{34}$")]
    private static partial Regex PublicKeyIdPattern();
}
