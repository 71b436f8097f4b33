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
    public async Task Confirm_and_return_then_the_demo_turns_paid_by_itself_and_the_dashboard_shows_it_in_Beijing_time()
    {
        var page = await fixture.Browser.NewPageAsync(width: 390);
        var problems = PageProblems.Watch(page);
        await LogInAsync(page, "alice");
        await Assertions.Expect(page.Locator("#plan-terms")).ToContainTextAsync("风险金 Risk fund");
        var outOrderNo = await StartPayScoreAsync(page);
        await BrowserSession.DocumentationScreenshotAsync(page, "sandbox-confirm-page");

        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("DOING");
        await page.ClickAsync("#return");

        await ExpectStatusAsync(page, "CONFIRMED");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已确认，等待商户完结 · confirmed, waiting for the merchant to complete");
        Assert.Equal(outOrderNo, (await page.InnerTextAsync("#out-order-no")).Trim());
        Assert.DoesNotContain("query_id", page.Url, StringComparison.Ordinal);
        // No total yet: the plan's risk fund and fee rules, never "¥0.00" for an amount nobody knows.
        var details = await page.InnerTextAsync("#order-details");
        Assert.Contains("风险金 Risk fund：DEPOSIT ¥99.00", details, StringComparison.Ordinal);
        Assert.Contains("计费 Fee：租借费用 3元/小时", details, StringComparison.Ordinal);
        Assert.DoesNotContain("¥0.00", details, StringComparison.Ordinal);
        Assert.Equal(0, await BrowserSession.HorizontalOverflowAsync(page));
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "1-demo-confirmed"));
        await BrowserSession.DocumentationScreenshotAsync(page, "demo-confirmed");

        using var admin = fixture.Server.CreateAdminClient();
        using var complete = await admin.PostAsJsonAsync($"/admin/api/orders/{outOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 300, description = "3元/小时" } },
            totalAmount = 300,
        });
        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());

        // Nobody presses Refresh: the page follows the order by itself.
        await ExpectStatusAsync(page, "PAID");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已支付 ¥3.00 · paid ¥3.00");
        await Assertions.Expect(page.Locator("#order-details")).ToContainTextAsync("总额 Total：¥3.00 · 已付 Paid：¥3.00");
        await Assertions.Expect(page.Locator("#auto-refresh")).ToBeEmptyAsync();
        Assert.Equal(0, await BrowserSession.HorizontalOverflowAsync(page));
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "2-demo-paid"));
        await BrowserSession.DocumentationScreenshotAsync(page, "demo-paid");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.Equal(0, await BrowserSession.HorizontalOverflowAsync(page));

        var dashboard = await fixture.Browser.NewPageAsync(width: 1280);
        problems.Add(dashboard);
        await dashboard.GotoAsync(new Uri(fixture.Server.BaseUrl, "/admin").ToString());
        await dashboard.FillAsync("#api-key", DemoServer.AdminApiKey);
        await dashboard.ClickAsync("#connect");
        var row = dashboard.Locator($"#orders [data-out-order-no=\"{outOrderNo}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "DONE");
        await row.ClickAsync();
        await Assertions.Expect(dashboard.Locator("#timeline")).ToContainTextAsync("USER_PAID");
        await Assertions.Expect(dashboard.Locator("#timeline li[data-type=\"call\"][data-kind=\"complete\"]")).ToContainTextAsync("ok");

        // The journal panel: this order's calls, each with its outcome (the latest 20 of all users' calls are listed).
        await Assertions.Expect(dashboard.Locator($"#calls li[data-operation=\"complete\"][data-outcome=\"ok\"]", new() { HasTextString = outOrderNo })).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.Locator($"#calls li[data-operation=\"query\"][data-outcome=\"ok\"]", new() { HasTextString = outOrderNo }).First).ToBeVisibleAsync();

        // One clock: Beijing time, labelled, although this browser runs in New York time.
        var order = await admin.GetFromJsonAsync<JsonElement>($"/admin/api/orders/{outOrderNo}");
        var created = order.GetProperty("order").GetProperty("createdAt").GetDateTimeOffset();
        var beijing = created.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(row.Locator("td").Nth(6)).ToHaveTextAsync(beijing);
        await Assertions.Expect(dashboard.Locator("#orders").Locator("xpath=..").Locator("th").Nth(6)).ToContainTextAsync("+08:00");
        await Assertions.Expect(dashboard.Locator("#timeline li").First).ToContainTextAsync("+08:00");
        await Assertions.Expect(dashboard.Locator("#time-zone")).ToContainTextAsync("UTC+08:00");
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(dashboard, "3-dashboard-paid"));
        await BrowserSession.DocumentationScreenshotAsync(dashboard, "dashboard");

        // No sideways scrolling with an order selected: on a phone, a laptop and a wide screen.
        foreach (var width in new[] { 390, 1280, 1920 })
        {
            await dashboard.SetViewportSizeAsync(width, 900);
            Assert.True(await BrowserSession.HorizontalOverflowAsync(dashboard) == 0, $"the dashboard overflows sideways at {width} px");
        }

        problems.AssertNone();
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

        await ExpectStatusAsync(page, "CONFIRMED");
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

        await ExpectStatusAsync(page, "NOT_CONFIRMED");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("未确认 · not confirmed");
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "5-demo-back-arrow-not-confirmed"));
    }

    [Fact]
    public async Task A_device_link_starts_the_order_at_that_device_for_its_sub_merchant_and_mini_program()
    {
        var page = await fixture.Browser.NewPageAsync(width: 390);
        var problems = PageProblems.Watch(page);

        // As a 小程序码 scene would open the mini program: the metro umbrella stand, served by its own mini program.
        await page.GotoAsync(new Uri(fixture.Server.BaseUrl, "/?scene=UM-L2-01").ToString());
        await Assertions.Expect(page.Locator("#device")).ToHaveValueAsync("UM-L2-01");
        await Assertions.Expect(page.Locator("#device-info")).ToHaveAttributeAsync("data-sub-merchant", "metro");
        await Assertions.Expect(page.Locator("#device-info")).ToContainTextAsync("人民广场站B口");
        await Assertions.Expect(page.Locator("#plan")).ToHaveValueAsync("umbrella-daily");
        await page.FillAsync("#user", "dave");

        var outOrderNo = await StartPayScoreAsync(page);
        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("DOING");
        await page.ClickAsync("#return");
        await ExpectStatusAsync(page, "CONFIRMED");
        await Assertions.Expect(page.Locator("#device")).ToHaveValueAsync("UM-L2-01");

        using var admin = fixture.Server.CreateAdminClient();
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/admin/api/orders/{outOrderNo}");
        var order = detail.GetProperty("order");
        Assert.Equal("UM-L2-01", order.GetProperty("deviceId").GetString());
        Assert.Equal("metro", order.GetProperty("subMerchant").GetString());
        Assert.Equal("1900000110", order.GetProperty("subMchId").GetString());
        Assert.Equal("wx8888888888888888", order.GetProperty("subAppId").GetString());
        Assert.Equal("地铁2号线人民广场站B口", order.GetProperty("startLocation").GetString());
        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(page, "6-demo-device-link-confirmed"));
        problems.AssertNone();
    }

    private async Task LogInAsync(IPage page, string user)
    {
        await page.GotoAsync(fixture.Server.BaseUrl.ToString());
        await page.FillAsync("#user", user);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#session")).ToHaveTextAsync("已登录 logged in as " + user);
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

    /// <summary>The status element's data-status is a WxPayScore.Status (the text is for people, Chinese first).</summary>
    private static async Task ExpectStatusAsync(IPage page, string status) =>
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", status);

    [GeneratedRegex("/sandbox/pages/use/use")]
    private static partial Regex ConfirmPage();
}
