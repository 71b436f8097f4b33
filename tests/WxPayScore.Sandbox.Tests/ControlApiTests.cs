using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>The HTTP control API as a script (curl) uses it, and mounting the sandbox into another web application.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task The_http_control_api_drives_the_whole_flow()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.CollectionMode = "FailUntilMerchant");
        await using var merchant = MerchantClient.For(sandbox.Host);
        await using var receiver = await CallbackReceiver.StartAsync(merchant.Callbacks);
        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseUrl };

        var created = await merchant.Orders.CreateAsync(Requests.Create(receiver.NotifyUrl));
        var confirm = await http.PostAsJsonAsync("/sandbox/confirm", new { package = created.Package, user = "gina" });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var again = await http.PostAsJsonAsync("/sandbox/confirm", new { package = created.Package, user = "gina" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("INVALID_PACKAGE", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await merchant.Orders.CompleteAsync(created.OutOrderNo!, Requests.Complete(sandbox.Control));
        var orderPath = $"/sandbox/orders/{TestKeys.SubMchId}/{created.OutOrderNo}";
        var order = await http.GetFromJsonAsync<JsonElement>(orderPath);
        Assert.Equal("DOING/MCH_COMPLETE/USER_PAYING", order.GetProperty("status").GetString());
        Assert.Equal("gina", order.GetProperty("confirmed_by").GetString());
        Assert.Equal(created.OrderId, order.GetProperty("order").GetProperty("order_id").GetString());

        var paid = await http.PostAsJsonAsync(orderPath + "/payment", new { succeed = true });
        Assert.Equal("DONE/USER_PAID", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/sandbox/orders")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sandbox/orders/{TestKeys.SubMchId}/NOPE")).StatusCode);

        var notifications = await http.GetFromJsonAsync<JsonElement>("/sandbox/notifications?wait=true");
        Assert.Equal(["PAYSCORE.USER_CONFIRM", "PAYSCORE.USER_PAID"], notifications.EnumerateArray().Select(n => n.GetProperty("event_type").GetString()));
        var first = notifications[0];
        Assert.Equal(204, first.GetProperty("attempts")[0].GetProperty("status_code").GetInt32());
        var resent = await http.PostAsync($"/sandbox/notifications/{first.GetProperty("id").GetString()}/resend", null);
        Assert.Equal(2, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attempts").GetArrayLength());

        var fault = await http.PostAsJsonAsync("/sandbox/faults", new { endpoint = "query", kind = "system_error", count = 1 });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/sandbox/faults")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/sandbox/faults")).StatusCode);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/sandbox/faults")).EnumerateArray());

        var before = await http.GetFromJsonAsync<JsonElement>("/sandbox/clock");
        var advanced = await http.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = 3600 });
        var after = await advanced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(after.GetProperty("offset_seconds").GetInt64() - before.GetProperty("offset_seconds").GetInt64() >= 3599);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/sandbox/clock/advance", new { seconds = -1 })).StatusCode);

        var keys = await http.GetFromJsonAsync<JsonElement>("/sandbox/keys");
        Assert.Equal(sandbox.Host.PublicKeyId, keys.GetProperty("public_key_id").GetString());
        Assert.Equal(sandbox.Host.PublicKeyPem.Trim(), (await http.GetStringAsync("/sandbox/wechatpay_public_key.pem")).Trim());
    }

    [Fact]
    public async Task The_sandbox_can_be_mounted_into_another_web_application()
    {
        var dataPath = TestSandbox.NewDataPath();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddWxPayScoreSandbox(o =>
        {
            o.DataPath = dataPath;
            TestMerchant.Register(o);
        });
        await using var app = builder.Build();
        app.MapGet("/", () => "merchant server");
        app.MapWxPayScoreSandbox();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var control = app.Services.GetRequiredService<SandboxControl>();
            var keys = await new HttpClient().GetFromJsonAsync<JsonElement>(address + "/sandbox/keys");
            var services = new ServiceCollection();
            services.AddLogging();
            WxPayScoreServiceCollectionExtensions.AddWxPayScore(services, o =>
            {
                o.MchId = TestKeys.MchId;
                o.MerchantSerialNumber = TestKeys.MerchantSerial;
                o.PrivateKey = TestKeys.MerchantPrivateKeyPem;
                o.ApiV3Key = TestKeys.ApiV3Key;
                o.PublicKeyId = keys.GetProperty("public_key_id").GetString();
                o.PublicKey = keys.GetProperty("public_key_pem").GetString();
                o.BaseUrl = address;
                o.BackupBaseUrl = null;
            });
            await using var provider = services.BuildServiceProvider();
            var orders = provider.GetRequiredService<ServiceOrderService>();
            var created = await orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl));
            control.Confirm(created.Package!, "hank");
            Assert.Equal(ServiceOrderPhase.UserConfirmed, (await orders.GetAsync(created.OutOrderNo!, Requests.Get())).Status.Phase);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
