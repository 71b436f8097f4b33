using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Json;
using WxPayScore.Refunds;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>
/// The SDK against the golden refund JSON written from refunds.md (tests/Golden/refunds, shared with the sandbox tests):
/// requests are written field by field as in the spec, and every answer and notification resource survives a read and
/// write through the SDK's models unchanged.
/// </summary>
public sealed class RefundGoldenCorpusTests
{
    [Fact]
    public void Create_options_serialise_to_the_create_request_example()
    {
        var call = RefundService.PrepareCreate(RefundSamples.Create());

        AssertEqual("create.request", JsonNode.Parse(call.Body));
    }

    [Fact]
    public void The_query_is_the_example_s_number_and_sub_mchid()
    {
        var golden = Golden("query.request");
        var call = RefundService.PrepareGet((string)golden["out_refund_no"]!, new RefundGetOptions { SubMchId = (string)golden["sub_mchid"]! });

        Assert.Equal("/v3/refund/domestic/refunds/RF20250102A0001?sub_mchid=1900000109", call.PathAndQuery);
    }

    [Fact]
    public void The_abnormal_refund_request_has_the_example_s_fields_with_the_bank_fields_encrypted()
    {
        var call = RefundService.PrepareApplyAbnormal("50300002062025010212345678902", RefundSamples.UserBankCard() with { OutRefundNo = "RF20250102A0002" },
            TestKeys.PublicKeyId, TestKeys.WeChat);
        var written = JsonNode.Parse(call.Body)!.AsObject();
        var golden = Golden("apply-abnormal.request");

        Assert.Equal(golden.Select(kv => kv.Key).ToArray(), written.Select(kv => kv.Key).ToArray());
        foreach (var clear in new[] { "sub_mchid", "out_refund_no", "type", "bank_type" })
        {
            Assert.Equal((string?)golden[clear], (string?)written[clear]);
        }

        Assert.Equal("6222021234567890123", Decrypt((string)written["bank_account"]!));
        Assert.Equal("张三", Decrypt((string)written["real_name"]!));
    }

    [Theory]
    [InlineData("create.response")]
    [InlineData("query.response")]
    [InlineData("apply-abnormal.response")]
    public void Answers_survive_a_round_trip_through_Refund(string name)
    {
        var refund = JsonSerializer.Deserialize(Golden(name).ToJsonString(), WxPayScoreJsonContext.Wire.Refund)!;

        AssertEqual(name, JsonSerializer.SerializeToNode(refund, WxPayScoreJsonContext.Wire.Refund));
        Assert.NotEqual(RefundStatus.Unknown, refund.Status);
    }

    [Theory]
    [InlineData("callback.refund-success.resource", RefundStatus.Success)]
    [InlineData("callback.refund-abnormal.resource", RefundStatus.Abnormal)]
    [InlineData("callback.refund-closed.resource", RefundStatus.Closed)]
    public void Notification_resources_survive_a_round_trip_through_RefundNotification(string name, RefundStatus status)
    {
        var notification = JsonSerializer.Deserialize(Golden(name).ToJsonString(), WxPayScoreJsonContext.Wire.RefundNotification)!;

        AssertEqual(name, JsonSerializer.SerializeToNode(notification, WxPayScoreJsonContext.Wire.RefundNotification));
        Assert.Equal(status, notification.Status);
    }

    [Fact]
    public void The_refund_envelope_survives_a_round_trip_through_CallbackEnvelope()
    {
        var envelope = JsonSerializer.Deserialize(Golden("callback.envelope").ToJsonString(), WxPayScoreJsonContext.Wire.CallbackEnvelope)!;

        AssertEqual("callback.envelope", JsonSerializer.SerializeToNode(envelope, WxPayScoreJsonContext.Wire.CallbackEnvelope));
    }

    /// <summary>tests/Golden/refunds, found from the test's output folder upwards.</summary>
    internal static JsonObject Golden(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "tests", "Golden", "refunds", name + ".json");
            if (File.Exists(path))
            {
                return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            }
        }

        throw new FileNotFoundException($"tests/Golden/refunds/{name}.json not found above {AppContext.BaseDirectory}.");
    }

    private static void AssertEqual(string name, JsonNode? actual)
    {
        var expected = Golden(name);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: the SDK writes\n{actual?.ToJsonString()}\nbut the spec's example is\n{expected.ToJsonString()}");
    }

    private static string Decrypt(string base64) =>
        Encoding.UTF8.GetString(TestKeys.WeChat.Decrypt(Convert.FromBase64String(base64), RSAEncryptionPadding.OaepSHA1));
}
