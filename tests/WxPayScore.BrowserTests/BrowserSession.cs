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
        // Expectations wait as long as actions do: the machine running the suite may be busy building.
        Assertions.SetDefaultExpectTimeout(20_000);
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

    /// <summary>A page in a fresh context; <paramref name="width"/> 390 is a phone (touch, 844 px tall), wider ones a desktop window.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var phone = width <= 480;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "America/New_York", // the pages must show Beijing time whatever the browser's zone
            ViewportSize = new ViewportSize { Width = width, Height = phone ? 844 : 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
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

    /// <summary>
    /// With WXPAYSCORE_UPDATE_SCREENSHOTS=1, also writes the screenshot to the repository's docs/images (shown in the
    /// READMEs); otherwise does nothing, so ordinary runs leave the work tree alone.
    /// </summary>
    public static async Task DocumentationScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("WXPAYSCORE_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WxPayScore.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("WXPAYSCORE_UPDATE_SCREENSHOTS=1 but the repository root (WxPayScore.slnx) is not above the test output.");
        }

        var folder = Path.Combine(root.FullName, "docs", "images");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>How far the page is wider than its window (0 when nothing overflows sideways).</summary>
    public static async Task<int> HorizontalOverflowAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
