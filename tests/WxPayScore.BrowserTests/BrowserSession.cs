using Microsoft.Playwright;

namespace WxPayScore.BrowserTests;

/// <summary>Headless Debian Chromium driven by Playwright, with screenshots kept as test artifacts.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Where screenshots go: $WXPAYSCORE_ARTIFACTS, else artifacts/browser under the test output.</summary>
    public static string ArtifactsPath { get; } = Environment.GetEnvironmentVariable("WXPAYSCORE_ARTIFACTS") is { Length: > 0 } path
        ? path
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WXPAYSCORE_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return new BrowserSession(playwright, browser);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsPath);
        var file = Path.Combine(ArtifactsPath, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
