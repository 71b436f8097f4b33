using System.Net;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

public sealed class ConfirmPageTests : SandboxTestBase
{
    [Fact]
    public async Task The_back_arrow_returns_no_query_id_and_the_order_stays_CREATED()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!, returnUrl: "http://127.0.0.1:5080/back#top");
        var location = await browser.LeaveAsync(inPageReturn: false);
        Assert.Equal("http://127.0.0.1:5080/back?scene=1038&referrer_appid=wxd8f3793ea3b935b8#top", location.ToString());
        Assert.Equal(ServiceOrderPhase.Created, (await Scenario.GetAsync(Merchant, created.OutOrderNo!)).Status.Phase);
    }

    [Fact]
    public async Task The_return_button_hands_back_a_query_id_even_without_confirmation()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!, returnUrl: "http://127.0.0.1:5080/return");
        var location = await browser.LeaveAsync(inPageReturn: true);
        var queryId = ConfirmPageBrowser.Query(location)["query_id"];
        var order = await Merchant.Orders.GetByQueryIdAsync(queryId, Requests.Get());
        Assert.Equal(ServiceOrderPhase.Created, order.Status.Phase); // query_id proves nothing
    }

    [Fact]
    public async Task A_package_is_spent_once_its_page_was_opened()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!);
        using var again = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        var page = await again.OpenAsync(created.Package!);
        Assert.Contains("<p id=\"error\">订单未获得权益，系统繁忙</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", page, StringComparison.Ordinal);
        Assert.Throws<SandboxControlException>(() => Sandbox.Control.Confirm(created.Package!));
        var unknown = await again.OpenAsync("no-such-package");
        Assert.Contains("订单未获得权益，系统繁忙", unknown, StringComparison.Ordinal);

        // The first page is still open and can confirm, as the default simulated user.
        var confirmed = await browser.ConfirmAsync();
        Assert.Contains("<span id=\"state\">DOING/USER_CONFIRM</span>", confirmed, StringComparison.Ordinal);
        Assert.Equal(SandboxUsers.OpenIdFor(TestKeys.AppId, SandboxUsers.DefaultUser), (await Scenario.GetAsync(Merchant, created.OutOrderNo!)).OpenId);
    }

    [Fact]
    public async Task Without_return_url_leaving_shows_the_query_id_and_the_dashboard_lists_the_order()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { BaseAddress = Sandbox.Host.BaseUrl };
        var page = await http.GetStringAsync("/sandbox/pages/use/use?package=" + Uri.EscapeDataString(created.Package!) + "&user=frank");
        Assert.Contains("<span id=\"user\">frank</span>", page, StringComparison.Ordinal);
        var dashboard = await http.GetStringAsync("/sandbox");
        Assert.Contains(created.OutOrderNo!, dashboard, StringComparison.Ordinal);
        // One clock for people: the sandbox's pages, like the merchant dashboard, label Beijing time.
        Assert.Matches(@"<b id=""clock"">\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00</b>", dashboard);
        using var bad = await http.GetAsync("/sandbox/pages/use/use?package=x&return_url=javascript:alert(1)");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
