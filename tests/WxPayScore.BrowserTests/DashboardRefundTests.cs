using System.Net.Http.Json;
using Microsoft.Playwright;

namespace WxPayScore.BrowserTests;

/// <summary>The dashboard's refund form: a collected order refunded in part, its balance per detail and each step on the timeline.</summary>
public sealed partial class DemoFlowTests
{
    [Fact]
    public async Task A_collected_order_is_refunded_from_the_dashboard_and_the_refund_shows_on_the_timeline()
    {
        var page = await fixture.Browser.NewPageAsync(width: 390);
        var problems = PageProblems.Watch(page);
        await LogInAsync(page, "carol");
        var outOrderNo = await StartPayScoreAsync(page);
        await page.ClickAsync("#confirm");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("DOING");
        await page.ClickAsync("#return");
        await ExpectStatusAsync(page, "CONFIRMED");

        using var admin = fixture.Server.CreateAdminClient();
        using var complete = await admin.PostAsJsonAsync($"/admin/api/orders/{outOrderNo}/complete", new
        {
            fees = new[] { new { name = "租借费用", amount = 300, description = "3元/小时" } },
            totalAmount = 300,
        });
        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        await ExpectStatusAsync(page, "PAID");

        var dashboard = await fixture.Browser.NewPageAsync(width: 1280);
        problems.Add(dashboard);
        await dashboard.GotoAsync(new Uri(fixture.Server.BaseUrl, "/admin").ToString());
        await dashboard.FillAsync("#api-key", DemoServer.AdminApiKey);
        await dashboard.ClickAsync("#connect");
        var row = dashboard.Locator($"#orders [data-out-order-no=\"{outOrderNo}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "DONE");
        await row.ClickAsync();

        // Before: one detail, all of it refundable.
        await Assertions.Expect(dashboard.Locator("#refund-details tr[data-seq=\"1\"]")).ToHaveAttributeAsync("data-refundable", "300");
        await Assertions.Expect(dashboard.Locator("#refund-totals")).ToContainTextAsync("可退 ¥3.00");

        // Refund ¥1.20 with the form.
        await dashboard.FillAsync("#refund-amount", "120");
        await dashboard.FillAsync("#refund-reason", "提前归还");
        await dashboard.ClickAsync("#action-refund");
        await Assertions.Expect(dashboard.Locator("#refund-message")).ToContainTextAsync("refund ok");
        await Assertions.Expect(dashboard.Locator("#refunds li")).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.Locator("#refunds li").First).ToContainTextAsync("¥1.20 of detail #1");
        await Assertions.Expect(dashboard.Locator("#refund-details tr[data-seq=\"1\"]")).ToHaveAttributeAsync("data-refundable", "180");

        // The timeline: the refund requested, its create call to WeChat, and — the dashboard following by itself —
        // WeChat's REFUND.SUCCESS callback and the refund's change to SUCCESS.
        await Assertions.Expect(dashboard.Locator("#timeline li[data-kind=\"refund_requested\"]")).ToContainTextAsync("120 fen of detail #1");
        await Assertions.Expect(dashboard.Locator("#timeline li[data-type=\"call\"][data-kind=\"refund_create\"]")).ToContainTextAsync("ok");
        await Assertions.Expect(dashboard.Locator("#timeline li[data-type=\"callback\"][data-kind=\"REFUND.SUCCESS\"]"))
            .ToContainTextAsync("applied", new() { Timeout = 30_000 });
        await Assertions.Expect(dashboard.Locator("#timeline li[data-kind=\"refund_changed\"]").Last).ToContainTextAsync("SUCCESS");
        await Assertions.Expect(dashboard.Locator("#refunds li[data-status=\"SUCCESS\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.Locator("#refund-totals")).ToContainTextAsync("已退 ¥1.20");

        output.WriteLine("screenshot: " + await BrowserSession.ScreenshotAsync(dashboard, "4-dashboard-refund"));
        foreach (var width in new[] { 390, 1280 })
        {
            await dashboard.SetViewportSizeAsync(width, 900);
            Assert.True(await BrowserSession.HorizontalOverflowAsync(dashboard) == 0, $"the dashboard overflows sideways at {width} px");
        }

        problems.AssertNone();

        // Too much: refused with the reason (a 422 the watcher would count: checked last), nothing added.
        await dashboard.FillAsync("#refund-amount", "181");
        await dashboard.ClickAsync("#action-refund");
        await Assertions.Expect(dashboard.Locator("#refund-message")).ToContainTextAsync("at most 180");
        await Assertions.Expect(dashboard.Locator("#refunds li")).ToHaveCountAsync(1);
    }
}
