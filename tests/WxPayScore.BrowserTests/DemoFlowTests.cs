using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WxPayScore.BrowserTests;

/// <summary>
/// Walks the seed's flow in a real browser against the real server + embedded sandbox: log in, create an order,
/// confirm on the sandbox's Pay Score page, come back, see the truth the server got from WeChat.
/// </summary>
public sealed partial class DemoFlowTests(DemoFlowFixture fixture, ITestOutputHelper output) : IClassFixture<DemoFlowFixture>
{
    [Fact]
    public async Task Confirm_and_in_page_return_shows_confirmed_then_paid_after_completion_and_on_the_dashboard()
    {
        var page = await fixture.Browser.NewPageAsync();
        await LogInAsync(page, "alice");
        var outOrderNo = await StartPayScoreAsync(page);

        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("DOING");
        await page.ClickAsync("#return");

        await ExpectStatusAsync(page, "confirmed");
        Assert.Equal(outOrderNo, (await page.InnerTextAsync("#out-order-no")).Trim());
        Assert.DoesNotContain("query_id", page.Url, StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "1-demo-confirmed"));

        using var admin = fixture.Server.CreateAdminClient();
        using var complete = await admin.PostAsJsonAsync($"/admin/api/orders/{outOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 300, description = "3元/小时" } },
            totalAmount = 300,
        });
        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());

        await page.ClickAsync("#refresh");
        await ExpectStatusAsync(page, "paid");
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "2-demo-paid"));

        await page.GotoAsync(new Uri(fixture.Server.BaseUrl, "/admin").ToString());
        await page.FillAsync("#api-key", DemoServer.AdminApiKey);
        await page.ClickAsync("#connect");
        var row = page.Locator($"#orders [data-out-order-no=\"{outOrderNo}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "DONE");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("USER_PAID");
        await Assertions.Expect(page.Locator("#timeline li[data-type=\"call\"][data-kind=\"complete\"]")).ToContainTextAsync("ok");

        // The journal panel: this order's calls, each with its outcome (the latest 20 of all users' calls are listed).
        await Assertions.Expect(page.Locator($"#calls li[data-operation=\"complete\"][data-outcome=\"ok\"]", new() { HasTextString = outOrderNo })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#calls li[data-operation=\"query\"][data-outcome=\"ok\"]", new() { HasTextString = outOrderNo }).First).ToBeVisibleAsync();
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "3-dashboard-paid"));
    }

    [Fact]
    public async Task Confirm_then_back_arrow_without_query_id_still_finds_confirmed_by_out_order_no()
    {
        var page = await fixture.Browser.NewPageAsync();
        await LogInAsync(page, "bob");
        var outOrderNo = await StartPayScoreAsync(page);

        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("DOING");
        await page.ClickAsync("#back");

        await ExpectStatusAsync(page, "confirmed");
        Assert.Equal(outOrderNo, (await page.InnerTextAsync("#out-order-no")).Trim());
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "4-demo-back-arrow-confirmed"));
    }

    [Fact]
    public async Task Back_arrow_without_confirming_shows_not_confirmed()
    {
        var page = await fixture.Browser.NewPageAsync();
        await LogInAsync(page, "carol");
        await StartPayScoreAsync(page);

        await page.ClickAsync("#back");

        await ExpectStatusAsync(page, "not confirmed");
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "5-demo-back-arrow-not-confirmed"));
    }

    private async Task LogInAsync(IPage page, string user)
    {
        await page.GotoAsync(fixture.Server.BaseUrl.ToString());
        await page.FillAsync("#user", user);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#session")).ToContainTextAsync("logged in as " + user);
    }

    /// <summary>Creates an order from the demo page and lands on the sandbox's Pay Score confirm page; returns the order number.</summary>
    private static async Task<string> StartPayScoreAsync(IPage page)
    {
        // The page navigates away at once, so the create answer is read as it passes through.
        var created = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/orders", async route =>
        {
            var response = await route.FetchAsync();
            var body = await response.TextAsync();
            if (route.Request.Method == "POST")
            {
                created.TrySetResult(body);
            }

            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body });
        });
        await Assertions.Expect(page.Locator("#use-payscore")).ToBeEnabledAsync();
        await page.ClickAsync("#use-payscore");
        using var answer = JsonDocument.Parse(await created.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        var outOrderNo = answer.RootElement.GetProperty("outOrderNo").GetString();
        Assert.False(string.IsNullOrEmpty(outOrderNo));
        await page.WaitForURLAsync(ConfirmPage());
        await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        return outOrderNo;
    }

    private static async Task ExpectStatusAsync(IPage page, string word)
    {
        // "confirmed" must not match "not confirmed": the status text starts with the word.
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("^" + Regex.Escape(word) + @"\b"));
    }

    [GeneratedRegex("/sandbox/pages/use/use")]
    private static partial Regex ConfirmPage();
}
