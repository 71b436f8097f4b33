using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Server.Persistence;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>Junk posted at /notify/payscore is counted per reason but stored only as a capped, time-bounded sample.</summary>
public sealed class RejectedCallbackTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture sandbox;

    public RejectedCallbackTests(SandboxFixture sandbox)
    {
        this.sandbox = sandbox;
    }

    [Fact]
    public async Task Junk_callbacks_are_counted_but_only_a_capped_sample_is_kept()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var time = new ShiftedTimeProvider();
        await using var server = await ServerHost.StartAsync(sandbox.Host, storage, s =>
        {
            s["Callbacks:RejectedSampleSize"] = "5";
            s["Callbacks:RejectedSampleRetention"] = "7.00:00:00";
        }, time);

        for (var i = 0; i < 12; i++)
        {
            using var junk = await server.Http.PostAsync("notify/payscore", new StringContent("{\"junk\":" + i + "}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, junk.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var stale = new HttpRequestMessage(HttpMethod.Post, "notify/payscore") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            stale.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", "1");
            stale.Headers.TryAddWithoutValidation("Wechatpay-Nonce", "n");
            stale.Headers.TryAddWithoutValidation("Wechatpay-Serial", "PUB_KEY_ID_0000");
            stale.Headers.TryAddWithoutValidation("Wechatpay-Signature", "c2lnbmF0dXJl");
            using var answer = await server.Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        var kept = await server.QueryDbAsync(db => db.Notifications.CountAsync(n => n.Outcome == NotificationOutcome.Rejected));
        Assert.Equal(5, kept);

        var (status, report) = await new AdminClient(server).SendAsync(HttpMethod.Get, "notifications/rejected");
        Assert.Equal(HttpStatusCode.OK, status);
        var counts = report.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(15, counts.Values.Sum());
        Assert.Equal(12, counts["MissingHeaders"]);
        Assert.Equal(3, counts["StaleTimestamp"]);
        Assert.Equal(5, report.GetProperty("sampleSize").GetInt32());
        Assert.Equal(5, report.GetProperty("sample").GetArrayLength());

        // Eight days later, the next junk delivery trims what is older than the retention.
        time.Shift(TimeSpan.FromDays(8));
        using (var late = await server.Http.PostAsync("notify/payscore", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        }

        Assert.Equal(1, await server.QueryDbAsync(db => db.Notifications.CountAsync(n => n.Outcome == NotificationOutcome.Rejected)));
    }

    [Fact]
    public async Task A_sample_size_out_of_range_stops_start_up_naming_it()
    {
        var storage = new SqliteTestStorage();
        await storage.InitializeAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(sandbox.Host, storage, s => s["Callbacks:RejectedSampleSize"] = "0"));
        Assert.Contains("Callbacks:RejectedSampleSize", error.Message, StringComparison.Ordinal);
    }
}
