using Microsoft.Playwright;

namespace WxPayScore.BrowserTests;

/// <summary>The pages a newcomer opens first load cleanly: no console error, no failed request, no 404 (favicon included).</summary>
public sealed class PageHealthTests(DemoFlowFixture fixture) : IClassFixture<DemoFlowFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/docs")]
    public async Task Page_loads_without_console_errors_or_failed_requests(string path)
    {
        var page = await fixture.Browser.NewPageAsync();
        var problems = PageProblems.Watch(page);

        var response = await page.GotoAsync(new Uri(fixture.Server.BaseUrl, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        if (path == "/admin")
        {
            await page.FillAsync("#api-key", DemoServer.AdminApiKey);
            await page.ClickAsync("#connect");
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        }

        if (path == "/")
        {
            await Assertions.Expect(page.Locator("#use-payscore")).ToBeEnabledAsync();
        }

        // The icon the page names, else the one browsers ask for unasked.
        var icon = await page.EvaluateAsync<string?>("() => { const link = document.querySelector('link[rel~=\"icon\"]'); return link ? link.href : null; }")
            ?? new Uri(fixture.Server.BaseUrl, "/favicon.ico").ToString();
        var iconResponse = await page.APIRequest.GetAsync(icon);
        Assert.Equal(200, iconResponse.Status);
        Assert.StartsWith("image/", iconResponse.Headers["content-type"], StringComparison.Ordinal);

        problems.AssertNone();
    }

    [Fact]
    public async Task The_sandbox_pages_have_a_favicon_too()
    {
        var page = await fixture.Browser.NewPageAsync();
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        var config = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, "/api/demo/config");
        var sandbox = new Uri(config.GetProperty("confirmPageUrl").GetString()!);
        foreach (var path in new[] { "/favicon.ico", "/favicon.svg" })
        {
            var response = await page.APIRequest.GetAsync(new Uri(sandbox, path).ToString());
            Assert.Equal(200, response.Status);
            Assert.Equal("image/svg+xml", response.Headers["content-type"]);
        }
    }
}
