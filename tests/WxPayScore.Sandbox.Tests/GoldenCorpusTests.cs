using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// The sandbox against the golden wire JSON written from the spec (tests/Golden/payscore): it accepts every request
/// example as sent — only out_order_no and notify_url values are changed — and answers, and calls back, with exactly the
/// spec's field names and nesting. The business and wall clocks are set to the examples' day, 2025-01-01 (Beijing).
/// </summary>
public sealed class GoldenCorpusTests : IAsyncLifetime
{
    private const string CreatePath = "/v3/payscore/partner/serviceorder";
    private static readonly DateTimeOffset CreatedAt = new(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(8));
    private readonly FakeTimeProvider wall = new(CreatedAt);
    private TestSandbox sandbox = null!;
    private MerchantClient merchant = null!;
    private LoopbackReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync(o => o.CollectionMode = "FailUntilMerchant", wallClock: wall);
        merchant = MerchantClient.For(sandbox.Host, time: wall);
        receiver = await LoopbackReceiver.StartAsync("/notify");
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await merchant.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task The_create_query_complete_modify_pay_story_of_the_spec_is_accepted_and_answered_with_the_specs_field_names()
    {
        var no = "SP20250101A" + Random.Shared.Next(1000, 9999);
        var created = await SendAsync("create", HttpMethod.Post, CreatePath, Create(no), HttpStatusCode.OK);
        GoldenCorpus.AssertSameShape(GoldenCorpus.Json("create.response"), created);
        Assert.Equal("CREATED", (string?)created!["state"]);
        Assert.Equal(no, (string?)created["out_order_no"]);

        wall.Advance(TimeSpan.FromSeconds(5));
        sandbox.Control.Confirm((string)created["package"]!, "alice");
        var confirmCallback = await NextCallbackResourceAsync("PAYSCORE.USER_CONFIRM");
        GoldenCorpus.AssertSameShape(GoldenCorpus.Json("callback.user-confirm.resource"), confirmCallback);
        Assert.Equal("20250101120005", (string?)confirmCallback["time_range"]!["start_time"]);

        var query = GoldenCorpus.Json("query.request");
        var queried = await SendAsync("query", HttpMethod.Get,
            $"{CreatePath}?service_id={query["service_id"]}&sub_mchid={query["sub_mchid"]}&out_order_no={no}", null, HttpStatusCode.OK);
        GoldenCorpus.AssertSameShape(GoldenCorpus.Json("query.response"), queried);

        wall.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromSeconds(25)));
        await SendAsync("complete", HttpMethod.Post, $"{CreatePath}/{no}/complete", GoldenCorpus.Body("complete.request"), HttpStatusCode.NoContent);
        await SendAsync("modify", HttpMethod.Post, $"{CreatePath}/{no}/modify", GoldenCorpus.Body("modify.request"), HttpStatusCode.NoContent);
        wall.Advance(TimeSpan.FromSeconds(35));
        await SendAsync("pay", HttpMethod.Post, $"{CreatePath}/{no}/pay", GoldenCorpus.Body("pay.request"), HttpStatusCode.NoContent);

        var paidCallback = await NextCallbackResourceAsync("PAYSCORE.USER_PAID");
        GoldenCorpus.AssertSameShape(GoldenCorpus.Json("callback.user-paid.resource"), paidCallback);
        var expected = GoldenCorpus.Json("callback.user-paid.resource");
        foreach (var field in new[] { "state", "total_amount", "post_payments", "post_discounts", "risk_fund", "time_range", "location", "attach" })
        {
            Assert.True(JsonNode.DeepEquals(expected[field], paidCallback[field]), $"{field}: {paidCallback[field]?.ToJsonString()}");
        }

        var detail = paidCallback["collection"]!["details"]![0]!;
        Assert.Equal("20250101140105", (string?)detail["paid_time"]);
        Assert.Equal(200, (long)detail["amount"]!);
    }

    [Fact]
    public async Task The_sync_and_cancel_examples_are_accepted()
    {
        var synced = "SP20250101S" + Random.Shared.Next(1000, 9999);
        var created = await SendAsync("create", HttpMethod.Post, CreatePath, Create(synced), HttpStatusCode.OK);
        sandbox.Control.Confirm((string)created!["package"]!, "bob");
        wall.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(5)));
        await SendAsync("complete", HttpMethod.Post, $"{CreatePath}/{synced}/complete", GoldenCorpus.Body("complete.request"), HttpStatusCode.NoContent);
        await SendAsync("sync", HttpMethod.Post, $"{CreatePath}/{synced}/sync", GoldenCorpus.Body("sync.request"), HttpStatusCode.NoContent);
        var order = sandbox.Control.GetOrder(TestKeys.SubMchId, synced).Order;
        Assert.Equal("DONE", order.State);
        Assert.Equal(["MCH"], order.Collection!.Details!.Select(d => d.PaidType));
        Assert.Equal("20250101141000", order.Collection.Details![0].PaidTime);

        var cancelled = "SP20250101C" + Random.Shared.Next(1000, 9999);
        await SendAsync("create", HttpMethod.Post, CreatePath, Create(cancelled), HttpStatusCode.OK);
        await SendAsync("cancel", HttpMethod.Post, $"{CreatePath}/{cancelled}/cancel", GoldenCorpus.Body("cancel.request"), HttpStatusCode.NoContent);
        Assert.Equal("REVOKED", sandbox.Control.GetOrder(TestKeys.SubMchId, cancelled).Order.State);
        Assert.Equal("用户投诉", sandbox.Control.GetOrder(TestKeys.SubMchId, cancelled).CancelReason);
    }

    [Fact]
    public async Task A_field_the_spec_does_not_name_is_PARAM_ERROR_not_ignored()
    {
        var body = GoldenCorpus.Json("create.request");
        body["out_order_no"] = "SP20250101M" + Random.Shared.Next(1000, 9999);
        body["notify_url"] = receiver.Url;
        body["post_payment"] = body["post_payments"]!.DeepClone(); // misspelt
        var ex = await Requests.FailsWith(() => merchant.Transport.SendAsync("create", HttpMethod.Post, CreatePath, JsonSerializer.SerializeToUtf8Bytes(body), default),
            HttpStatusCode.BadRequest, "PARAM_ERROR");
        Assert.Equal("/post_payment", ex.Detail?.Field);
    }

    private byte[] Create(string outOrderNo) => GoldenCorpus.Body("create.request", ("out_order_no", outOrderNo), ("notify_url", receiver.Url));

    private async Task<JsonNode?> SendAsync(string operation, HttpMethod method, string path, byte[]? body, HttpStatusCode expected)
    {
        var response = await merchant.Transport.SendAsync(operation, method, path, body, default);
        Assert.Equal(expected, response.StatusCode);
        return response.HasBody ? JsonNode.Parse(response.Body) : null;
    }

    private async Task<JsonObject> NextCallbackResourceAsync(string eventType)
    {
        var body = (await receiver.NextAsync()).Text;
        var envelope = JsonNode.Parse(body)!.AsObject();
        GoldenCorpus.AssertSameShape(GoldenCorpus.Json("callback.envelope"), envelope);
        Assert.Equal(eventType, (string?)envelope["event_type"]);
        var resource = envelope["resource"]!;
        Assert.Equal("AEAD_AES_256_GCM", (string?)resource["algorithm"]);
        var data = Convert.FromBase64String((string)resource["ciphertext"]!);
        var plaintext = new byte[data.Length - 16];
        using var aes = new AesGcm(Encoding.UTF8.GetBytes(TestKeys.ApiV3Key), 16);
        aes.Decrypt(Encoding.UTF8.GetBytes((string)resource["nonce"]!), data.AsSpan(0, plaintext.Length), data.AsSpan(plaintext.Length), plaintext,
            Encoding.UTF8.GetBytes((string?)resource["associated_data"] ?? string.Empty));
        return JsonNode.Parse(plaintext)!.AsObject();
    }
}
