using Microsoft.EntityFrameworkCore;
using WxPayScore.Sandbox;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Tests;

/// <summary>
/// A server in the legacy platform-certificate mode (no WeChat Pay public key): the SDK downloads
/// <c>GET /v3/certificates</c> to verify WeChat's answers, and that call is journaled like every other WeChat call.
/// </summary>
public sealed class CertificateModeTests
{
    [Fact]
    public async Task The_certificate_download_is_journaled_and_the_flow_works()
    {
        var options = SandboxFixture.CreateOptions();
        options.ServiceProviders[0].PlatformKeyMode = "Certificate";
        await using var sandbox = await SandboxHost.StartAsync(options);
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        await using var server = await ServerHost.StartAsync(sandbox, storage, settings =>
        {
            settings["WeChatPay:UsePlatformCertificates"] = "true";
            settings["WeChatPay:PublicKeyId"] = string.Empty;
            settings["WeChatPay:PublicKeyPath"] = string.Empty;
        });

        var alice = await TestClient.LoginAsync(server, sandbox, "alice");
        var order = await alice.CreateOrderAsync();
        sandbox.Control.Confirm(order.Package, "alice");
        Assert.True((await alice.GetOrderAsync(order.OutOrderNo)).Body.GetProperty("confirmed").GetBoolean());

        var calls = await server.QueryDbAsync(db => db.WeChatCalls.OrderBy(c => c.Id).ToListAsync());
        var download = Assert.Single(calls, c => c.Operation == WeChatCallOperation.Certificates);
        Assert.Equal(("GET /v3/certificates", (WeChatCallOutcome?)WeChatCallOutcome.Ok, (int?)200, (long?)null), (download.Target, download.Outcome, download.HttpStatus, download.OrderId));
        Assert.NotNull(download.RequestId);

        // Downloaded when the first answer (the create's) had to be verified: journaled inside that create call.
        var create = Assert.Single(calls, c => c.Operation == WeChatCallOperation.Create);
        Assert.InRange(download.SentAt, create.SentAt, create.CompletedAt!.Value);
        Assert.All(calls, c => Assert.Equal(WeChatCallOutcome.Ok, c.Outcome));
    }
}
