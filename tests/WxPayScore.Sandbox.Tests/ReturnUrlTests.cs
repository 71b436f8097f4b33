using System.Net;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>The confirm page returns only to http(s) URLs, and with Sandbox:AllowedReturnOrigins only to those origins.</summary>
public sealed class ReturnUrlTests : SandboxTestBase
{
    public ReturnUrlTests()
        : base(o => o.AllowedReturnOrigins = ["http://127.0.0.1:5080", "https://merchant.example"])
    {
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/back")]
    [InlineData("https://MERCHANT.example/pay/done?x=1")]
    [InlineData("https://merchant.example:443/done")]
    public async Task An_allowed_origin_opens_the_page_and_is_returned_to(string returnUrl)
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!, returnUrl: returnUrl);
        var location = await browser.LeaveAsync(inPageReturn: false);
        Assert.Equal(new Uri(returnUrl).GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        Assert.Contains("scene=1038", location.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5081/back", "not one of Sandbox:AllowedReturnOrigins")]
    [InlineData("https://evil.example/phish", "not one of Sandbox:AllowedReturnOrigins")]
    [InlineData("http://merchant.example/done", "not one of Sandbox:AllowedReturnOrigins")] // http, not https
    [InlineData("javascript:alert(1)", "absolute http:// or https:// URL")]
    [InlineData("weixin://dl/business", "absolute http:// or https:// URL")]
    [InlineData("/relative/path", "absolute http:// or https:// URL")]
    public async Task Anything_else_is_a_400_page_that_says_why_and_the_package_is_not_spent(string returnUrl, string why)
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Sandbox.Host.BaseUrl };
        using var refused = await http.GetAsync("/sandbox/pages/use/use?package=" + Uri.EscapeDataString(created.Package!) +
                                                "&return_url=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(why, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Sandbox.Control.GetOrder(TestKeys.SubMchId, created.OutOrderNo!).PackageSpent);
    }
}

/// <summary>Without Sandbox:AllowedReturnOrigins any http(s) return_url is accepted, and nothing else.</summary>
public sealed class ReturnUrlWithoutAllowListTests : SandboxTestBase
{
    [Fact]
    public async Task Any_http_origin_is_accepted_and_other_schemes_are_a_400_page()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!, returnUrl: "https://anywhere.example:8443/r");
        Assert.StartsWith("https://anywhere.example:8443/r?scene=1038", (await browser.LeaveAsync(inPageReturn: false)).ToString(), StringComparison.Ordinal);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Sandbox.Host.BaseUrl };
        using var refused = await http.GetAsync("/sandbox/pages/use/use?package=x&return_url=" + Uri.EscapeDataString("ftp://files.example/x"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<p id=\"error\">return_url must be an absolute http:// or https:// URL.</p>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
