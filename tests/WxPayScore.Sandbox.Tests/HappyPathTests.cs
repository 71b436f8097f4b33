using System.Net.Http.Json;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Launch;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

public sealed class HappyPathTests
{
    [Fact]
    public async Task Create_confirm_page_query_by_query_id_complete_and_paid_callback_verified_by_the_sdk()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await using var merchant = MerchantClient.For(sandbox.Host);
        await using var receiver = await CallbackReceiver.StartAsync(merchant.Callbacks);

        var created = await merchant.Orders.CreateAsync(Requests.Create(receiver.NotifyUrl));
        Assert.Equal(ServiceOrderPhase.Created, created.Status.Phase);
        Assert.False(string.IsNullOrEmpty(created.Package));
        Assert.Matches("^[0-9A-Za-z_-]+$", created.Package!);
        Assert.Matches("^1000000000[0-9]{21}$", created.OrderId!);
        Assert.Equal(TestKeys.MchId, created.MchId);

        using var browser = new ConfirmPageBrowser(sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!, "alice", "http://127.0.0.1:5080/pages/orders?from=payscore");
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"back\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"return\"", page, StringComparison.Ordinal);
        Assert.Contains("<span id=\"state\">CREATED</span>", page, StringComparison.Ordinal);
        Assert.Contains("XX充电宝", page, StringComparison.Ordinal);
        Assert.Contains("¥99.00", page, StringComparison.Ordinal);
        Assert.Contains("租借费用", page, StringComparison.Ordinal);

        var confirmed = await browser.ConfirmAsync();
        Assert.Contains("<span id=\"state\">DOING/USER_CONFIRM</span>", confirmed, StringComparison.Ordinal);
        var back = await browser.LeaveAsync(inPageReturn: true);
        Assert.StartsWith("http://127.0.0.1:5080/pages/orders?from=payscore&", back.ToString(), StringComparison.Ordinal);
        var returned = ConfirmPageBrowser.Query(back);
        Assert.Equal("1038", returned["scene"]);
        Assert.Equal(LaunchParameters.PayScoreAppId, returned["referrer_appid"]);
        var queryId = returned["query_id"];

        var order = await merchant.Orders.GetByQueryIdAsync(queryId, Requests.Get());
        Assert.Equal(ServiceOrderPhase.UserConfirmed, order.Status.Phase);
        Assert.Equal(created.OutOrderNo, order.OutOrderNo);
        Assert.Equal(SandboxUsers.OpenIdFor(TestKeys.AppId, "alice"), order.OpenId);
        Assert.Null(order.Package);
        Assert.NotNull(order.TimeRange?.StartTime);
        Assert.False(order.TimeRange!.StartTime!.Value.IsOnAccept);

        var confirm = await receiver.WaitForAsync(r => r.Any(c => c.EventType == PayScoreCallback.UserConfirmEvent));
        var confirmCallback = Assert.IsType<ConfirmCallback>(confirm.Single().Result.Callback);
        Assert.Equal("确认订单", confirmCallback.Summary);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, confirmCallback.Order.Status.Phase);
        Assert.Equal(order.OpenId, confirmCallback.Order.OpenId);
        Assert.Equal("biz%3Drent", confirmCallback.Order.Attach);

        var completed = await merchant.Orders.CompleteAsync(created.OutOrderNo!, Requests.Complete(sandbox.Control, 500, 200));
        Assert.Null(completed); // 204 No Content

        var paid = await receiver.WaitForAsync(r => r.Any(c => c.EventType == PayScoreCallback.UserPaidEvent));
        var paidCallback = Assert.IsType<PaidCallback>(paid.Single(c => c.EventType == PayScoreCallback.UserPaidEvent).Result.Callback);
        Assert.Equal("支付成功", paidCallback.Summary);
        Assert.Equal(ServiceOrderPhase.Done, paidCallback.Order.Status.Phase);
        Assert.Equal(ServiceOrderStatus.UserPaid, paidCallback.Order.Collection!.State);
        Assert.Equal(300, paidCallback.Order.TotalAmount);
        var detail = Assert.Single(paidCallback.Order.Collection.Details!);
        Assert.Equal("NEWTON", detail.PaidType);
        Assert.Equal(300, detail.Amount);
        Assert.Matches("^[0-9]{28}$", detail.TransactionId!);

        var final = await merchant.Orders.GetAsync(created.OutOrderNo!, Requests.Get());
        Assert.True(final.Status.IsPaid);
        Assert.Equal(300, final.Collection!.PaidAmount);
        Assert.Equal(0, final.Collection.PayingAmount);
        Assert.True(final.NeedCollection);

        await sandbox.Control.WaitForDeliveriesAsync();
        var history = sandbox.Control.GetNotifications();
        Assert.Equal(2, history.Count);
        Assert.All(history, n => Assert.Equal("Delivered", n.State));
        Assert.All(history, n => Assert.Equal(204, Assert.Single(n.Attempts).StatusCode));
    }

    [Fact]
    public async Task Control_api_confirms_as_a_user_whose_openid_jscode2session_reports()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await using var merchant = MerchantClient.For(sandbox.Host);
        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseUrl };

        // The merchant's mini program logs the user in: wx.login code → /sns/jscode2session → openid.
        var login = await (await http.PostAsJsonAsync("/sandbox/users/bob/login-code", new { appid = TestKeys.AppId }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var session = await http.GetFromJsonAsync<JsonElement>(
            $"/sns/jscode2session?appid={TestKeys.AppId}&secret={TestKeys.AppSecret}&js_code={login.GetProperty("code").GetString()}&grant_type=authorization_code");
        var openId = session.GetProperty("openid").GetString();
        Assert.Equal(login.GetProperty("openid").GetString(), openId);
        Assert.True(session.TryGetProperty("session_key", out _));

        var options = Requests.Create(TestMerchant.UnreachableNotifyUrl) with { SubAppId = TestMerchant.SubAppId };
        var created = await merchant.Orders.CreateAsync(options);
        var response = await http.PostAsJsonAsync("/sandbox/confirm", new { package = created.Package, user = "bob" });
        response.EnsureSuccessStatusCode();
        var confirmation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.OutOrderNo, confirmation.GetProperty("out_order_no").GetString());
        Assert.Equal(TestKeys.SubMchId, confirmation.GetProperty("sub_mchid").GetString());
        Assert.Equal(openId, confirmation.GetProperty("openid").GetString());

        var order = await merchant.Orders.GetByQueryIdAsync(confirmation.GetProperty("query_id").GetString()!, Requests.Get());
        Assert.Equal(openId, order.OpenId);
        Assert.Equal(SandboxUsers.OpenIdFor(TestMerchant.SubAppId, "bob"), order.SubOpenId);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, order.Status.Phase);
    }
}
