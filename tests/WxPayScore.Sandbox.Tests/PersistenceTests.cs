using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task With_sqlite_a_restart_loses_nothing()
    {
        var dataPath = TestSandbox.NewDataPath();
        try
        {
            string keyId, keyPem, created, confirmed, awaiting, package, notificationId;
            SandboxLoginCode code;
            await using (var first = await TestSandbox.StartAsync(Configure, dataPath: dataPath))
            await using (var merchant = MerchantClient.For(first.Host))
            {
                keyId = first.Host.PublicKeyId;
                keyPem = first.Host.PublicKeyPem;
                var order = await Scenario.CreatedAsync(merchant);
                created = order.OutOrderNo!;
                package = order.Package!;
                confirmed = await Scenario.ConfirmedAsync(first, merchant);
                awaiting = await Scenario.AwaitingPaymentAsync(first, merchant);
                await first.Control.AdvanceClockAsync(TimeSpan.FromMinutes(10));
                code = first.Control.CreateLoginCode("erin", TestKeys.AppId);
                notificationId = first.Control.GetNotifications()[0].Id;
            }

            await using var second = await TestSandbox.StartAsync(Configure, dataPath: dataPath);
            await using var again = MerchantClient.For(second.Host);
            Assert.Equal(keyId, second.Host.PublicKeyId);
            Assert.Equal(keyPem, second.Host.PublicKeyPem);
            Assert.True(second.Control.GetClock().OffsetSeconds >= 599);
            Assert.Equal(3, second.Control.GetOrders().Count);
            Assert.Equal(ServiceOrderPhase.Created, (await Scenario.GetAsync(again, created)).Status.Phase);
            Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(again, confirmed)).Status.Phase);
            Assert.Equal(ServiceOrderPhase.AwaitingPayment, (await Scenario.GetAsync(again, awaiting)).Status.Phase);
            var notification = Assert.Single(second.Control.GetNotifications(), n => n.Id == notificationId);
            Assert.NotEmpty(notification.Attempts);

            // The package survived and is still usable (10 minutes < 1 hour); the login code too.
            second.Control.Confirm(package, "erin");
            Assert.Equal(SandboxUsers.OpenIdFor(TestKeys.AppId, "erin"), (await Scenario.GetAsync(again, created)).OpenId);
            using var http = new HttpClient { BaseAddress = second.Host.BaseUrl };
            var session = await http.GetStringAsync(
                $"/sns/jscode2session?appid={TestKeys.AppId}&secret={TestKeys.AppSecret}&js_code={code.Code}&grant_type=authorization_code");
            Assert.Contains(code.OpenId, session, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }

        static void Configure(SandboxOptions o)
        {
            o.Persistence = "Sqlite";
            o.CollectionMode = "FailUntilMerchant";
        }
    }

    [Fact]
    public async Task In_memory_a_restart_forgets_the_orders_but_keeps_the_key_pair()
    {
        var dataPath = TestSandbox.NewDataPath();
        try
        {
            string keyId;
            await using (var first = await TestSandbox.StartAsync(dataPath: dataPath))
            await using (var merchant = MerchantClient.For(first.Host))
            {
                keyId = first.Host.PublicKeyId;
                await Scenario.CreatedAsync(merchant);
            }

            await using var second = await TestSandbox.StartAsync(dataPath: dataPath);
            Assert.Equal(keyId, second.Host.PublicKeyId);
            Assert.Empty(second.Control.GetOrders());
            Assert.True(File.Exists(second.Host.PublicKeyPath));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
