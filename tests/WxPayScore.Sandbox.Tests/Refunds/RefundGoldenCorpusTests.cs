using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Refunds;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Refunds;

/// <summary>
/// The sandbox against the golden refund JSON of tests/Golden/refunds: it accepts the spec's create request (only the
/// ids, amounts and notify_url made local) and answers, queries and notifies with exactly the spec's field names.
/// </summary>
public sealed class RefundGoldenCorpusTests : SandboxTestBase
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden", "refunds");

    [Fact]
    public async Task Create_query_and_the_success_notification_have_the_spec_s_shape()
    {
        await using var receiver = await LoopbackReceiver.StartAsync("/notify");
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        var body = Golden("create.request");
        body["transaction_id"] = detail.TransactionId;
        body["out_refund_no"] = RefundScenario.NewOutRefundNo();
        body["notify_url"] = receiver.Url;
        body["amount"]!["total"] = detail.Amount;

        var created = await SendAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", Encoding.UTF8.GetBytes(body.ToJsonString()));
        GoldenCorpus.AssertSameShape(Golden("create.response"), created);
        Assert.Equal("PROCESSING", (string?)created!["status"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", (string)created["create_time"]!);

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var queried = await SendAsync(HttpMethod.Get, $"/v3/refund/domestic/refunds/{body["out_refund_no"]}?sub_mchid={TestKeys.SubMchId}", null);
        GoldenCorpus.AssertSameShape(Golden("query.response"), queried);

        var envelopeText = (await receiver.NextAsync()).Text;
        var envelope = JsonNode.Parse(envelopeText)!;
        GoldenCorpus.AssertSameShape(Golden("callback.envelope"), envelope);
        Assert.Equal("REFUND.SUCCESS", (string?)envelope["event_type"]);
        var notification = Sandbox.Control.GetNotifications().Single(n => n.EventType == "REFUND.SUCCESS");
        Assert.Equal(body["out_refund_no"]!.GetValue<string>(), notification.OutRefundNo);
    }

    [Fact]
    public async Task The_abnormal_refund_example_is_accepted_and_answered_with_the_spec_s_shape()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.InjectAbnormalRefund(detail.TransactionId!);
        var created = await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, detail.Amount));
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var example = Golden("apply-abnormal.request");
        var call = RefundService.PrepareApplyAbnormal(created.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = (string)example["sub_mchid"]!, OutRefundNo = created.OutRefundNo!, Type = (string)example["type"]!, BankType = (string)example["bank_type"]!,
            BankAccount = "6222021234567890123", RealName = "张三",
        }, Sandbox.Host.PublicKeyId, WxPayScore.Security.PemKeys.LoadPublicKey(Sandbox.Host.PublicKeyPem));
        Assert.Equal(example.Select(kv => kv.Key).ToArray(), JsonNode.Parse(call.Body)!.AsObject().Select(kv => kv.Key).ToArray());

        var answer = await Merchant.Transport.SendAsync("refund.apply_abnormal", HttpMethod.Post, call.PathAndQuery, call.Body, default);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var node = JsonNode.Parse(answer.Body.ToArray());
        GoldenCorpus.AssertSameShape(Golden("apply-abnormal.response"), node);
        Assert.Equal(("OTHER_BANKCARD", "工商银行借记卡0123"), ((string?)node!["channel"], (string?)node["user_received_account"]));
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, byte[]? body)
    {
        var response = await Merchant.Transport.SendAsync("refund", method, path, body, default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(response.Body.ToArray());
    }

    private static JsonObject Golden(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();
}
