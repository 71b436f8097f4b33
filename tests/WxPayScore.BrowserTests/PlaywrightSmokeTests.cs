using Microsoft.Playwright;

namespace WxPayScore.BrowserTests;

public class PlaywrightSmokeTests
{
    [Fact]
    public async Task Chromium_renders_a_page()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<p id=x>hello</p>");
        Assert.Equal("hello", await page.InnerTextAsync("#x"));
    }
}
