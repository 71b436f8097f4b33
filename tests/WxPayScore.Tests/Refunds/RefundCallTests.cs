using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>
/// The refund calls against a stub WeChat on 127.0.0.1: exact path, query and body bytes, signed; answers used only when
/// their signature verifies; byte-identical retries; the abnormal refund's bank fields encrypted for the key it names.
/// </summary>
public sealed class RefundCallTests : StubWeChatTestBase
{
    [Fact]
    public async Task Create_posts_the_prepared_bytes_signed_and_returns_the_verified_refund()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer());
        var prepared = RefundService.PrepareCreate(RefundSamples.Create());

        var refund = await Sdk.Refunds.SendAsync(prepared);

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/refund/domestic/refunds", request.RawTarget);
        Assert.Equal(prepared.Body, request.Body);
        Assert.True(request.SignatureVerifies);
        Assert.Equal(TestKeys.PublicKeyId, request.Header("Wechatpay-Serial"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(ServiceOrderOperation.RefundCreate, prepared.Operation);
        Assert.Equal(RefundSamples.OutRefundNo, prepared.OutRefundNo);
        Assert.Null(prepared.OutOrderNo);
        Assert.True(prepared.IsRefund);
        Assert.Equal(RefundStatus.Processing, refund.Status);
        Assert.Equal(RefundSamples.RefundId, refund.RefundId);
        Assert.Equal((300L, 100L, 0L), (refund.Amount!.Total, refund.Amount.Refund, refund.Amount.DiscountRefund));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 10, 0, 1, TimeSpan.FromHours(8)), refund.CreateTime);
        Assert.Null(refund.SuccessTime);
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("RF20250102A0001", (string?)body["out_refund_no"]);
        Assert.Equal("提前归还，退还部分租金", (string?)body["reason"]);
        Assert.Contains("提前归还", request.BodyText, StringComparison.Ordinal); // UTF-8, not \u escapes
    }

    [Fact]
    public async Task CreateAsync_is_prepare_then_send()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer("SUCCESS"));

        var refund = await Sdk.Refunds.CreateAsync(RefundSamples.Create());

        Assert.Equal(RefundStatus.Success, refund.Status);
        Assert.Equal(RefundService.PrepareCreate(RefundSamples.Create()).Body, Assert.Single(Stub.Requests).Body);
    }

    [Fact]
    public async Task Get_puts_out_refund_no_in_the_path_and_sub_mchid_in_the_signed_query()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer("SUCCESS"));

        var refund = await Sdk.Refunds.GetAsync(RefundSamples.OutRefundNo, RefundSamples.Query);

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/refund/domestic/refunds/RF20250102A0001?sub_mchid=1900000109", request.RawTarget);
        Assert.Empty(request.Body);
        Assert.True(request.SignatureVerifies);
        Assert.Equal(RefundStatus.Success, refund.Status);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 10, 0, 5, TimeSpan.FromHours(8)), refund.SuccessTime);
    }

    [Fact]
    public async Task An_out_refund_no_with_bar_star_and_at_is_percent_encoded_and_signed_as_sent()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer(outRefundNo: "RF|1*2@3"));

        await Sdk.Refunds.GetAsync("RF|1*2@3", RefundSamples.Query);

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("/v3/refund/domestic/refunds/RF%7C1%2A2%403?sub_mchid=1900000109", request.RawTarget);
        Assert.True(request.SignatureVerifies);
    }

    [Theory]
    [InlineData(StubSignature.None, ResponseVerificationFailure.MissingHeaders)]
    [InlineData(StubSignature.WrongBytes, ResponseVerificationFailure.InvalidSignature)]
    [InlineData(StubSignature.WrongKey, ResponseVerificationFailure.InvalidSignature)]
    [InlineData(StubSignature.Probe, ResponseVerificationFailure.SignatureProbe)]
    public async Task A_refund_answer_that_does_not_verify_is_refused_as_forged(StubSignature signature, ResponseVerificationFailure failure)
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer("SUCCESS")) with { Signature = signature };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Refunds.CreateAsync(RefundSamples.Create()));

        Assert.Equal(failure, ex.Failure);
        Assert.Equal("08F78BB5AF0610D302189F99DD5C20BA56F89845-0", ex.RequestId);
    }

    [Fact]
    public async Task A_stale_refund_answer_is_refused()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer("SUCCESS")) with { ClockSkew = TimeSpan.FromMinutes(-6) };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Refunds.GetAsync(RefundSamples.OutRefundNo, RefundSamples.Query));

        Assert.Equal(ResponseVerificationFailure.StaleTimestamp, ex.Failure);
    }

    [Theory]
    [InlineData(429, "FREQUENCY_LIMITED")]
    [InlineData(500, "SYSTEM_ERROR")]
    [InlineData(503, "SERVICE_UNAVAILABLE")]
    public async Task A_transient_error_then_success_resends_the_same_body_bytes_signed_afresh(int status, string code)
    {
        Stub.Responder = r => r.Index == 0 ? StubReply.Error(status, code, "稍后再试") : StubReply.Json(RefundSamples.Answer());
        var prepared = RefundService.PrepareCreate(RefundSamples.Create());

        var refund = await Sdk.Refunds.SendAsync(prepared);

        Assert.Equal(RefundStatus.Processing, refund.Status);
        var attempts = Stub.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(prepared.Body, a.Body));
        Assert.All(attempts, a => Assert.True(a.SignatureVerifies));
        Assert.Equal(2, attempts.Select(a => a.AuthorizationField("nonce_str")).Distinct().Count());
    }

    [Fact]
    public async Task Sending_the_same_prepared_call_again_after_an_unknown_outcome_sends_the_same_bytes()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer());
        var prepared = RefundService.PrepareCreate(RefundSamples.Create());

        await Sdk.Refunds.SendAsync(prepared);
        await Sdk.Refunds.SendAsync(prepared);

        Assert.Equal(Stub.Requests[0].Body, Stub.Requests[1].Body);
    }

    [Theory]
    [InlineData(404, "RESOURCE_NOT_EXISTS", WeChatPayErrorKind.NotFound)]
    [InlineData(403, "NOT_ENOUGH", WeChatPayErrorKind.NoPermission)]
    [InlineData(400, "INVALID_REQUEST", WeChatPayErrorKind.InvalidRequest)]
    [InlineData(400, "PARAM_ERROR", WeChatPayErrorKind.InvalidParameter)]
    public async Task Refund_errors_are_typed_and_not_retried(int status, string code, WeChatPayErrorKind kind)
    {
        Stub.Responder = _ => StubReply.Error(status, code, "申请退款金额超过订单可退金额");

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Refunds.CreateAsync(RefundSamples.Create()));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal("申请退款金额超过订单可退金额", ex.ErrorMessage);
        Assert.Equal($"08F78BB5AF0610D302189F99DD5C20BA56F89845-{status}", ex.RequestId);
        Assert.Equal(1, Stub.RequestCount);
    }

    [Fact]
    public async Task A_200_without_a_body_is_not_a_refund()
    {
        Stub.Responder = _ => new StubReply { Status = 200 };

        var ex = await Assert.ThrowsAsync<WeChatPayException>(() => Sdk.Refunds.GetAsync(RefundSamples.OutRefundNo, RefundSamples.Query));

        Assert.Contains("refund was expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_request_is_refused_before_anything_is_sent()
    {
        var ex = await Assert.ThrowsAsync<WeChatPayValidationException>(() =>
            Sdk.Refunds.CreateAsync(RefundSamples.Create() with { Amount = new RefundAmountOptions { Refund = 0, Total = 300 } }));

        Assert.Equal("amount.refund", ex.Field);
        Assert.Equal(0, Stub.RequestCount);
    }

    [Fact]
    public async Task Service_order_and_refund_calls_are_not_sent_through_each_other_s_service()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.Refunds.SendAsync(ServiceOrderService.PrepareCreate(Samples.Create())));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.Orders.SendAsync(RefundService.PrepareCreate(RefundSamples.Create())));
        Assert.Equal(0, Stub.RequestCount);
    }

    [Fact]
    public async Task Apply_abnormal_encrypts_the_bank_fields_for_the_key_named_in_Wechatpay_Serial_and_retries_the_same_bytes()
    {
        Stub.Responder = r => r.Index == 0
            ? StubReply.Error(500, "SYSTEM_ERROR", "系统错误")
            : StubReply.Json(RefundSamples.Answer(channel: "OTHER_BANKCARD"));

        var refund = await Sdk.Refunds.ApplyAbnormalAsync(RefundSamples.RefundId, RefundSamples.UserBankCard());

        Assert.Equal("OTHER_BANKCARD", refund.Channel);
        var attempts = Stub.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        foreach (var request in attempts)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal($"/v3/refund/domestic/refunds/{RefundSamples.RefundId}/apply-abnormal-refund", request.RawTarget);
            Assert.True(request.SignatureVerifies);
            Assert.Equal(TestKeys.PublicKeyId, request.Header("Wechatpay-Serial"));
        }

        var body = JsonNode.Parse(attempts[0].BodyText)!.AsObject();
        Assert.Equal("USER_BANK_CARD", (string?)body["type"]);
        Assert.Equal("ICBC_DEBIT", (string?)body["bank_type"]);
        Assert.Equal(RefundSamples.OutRefundNo, (string?)body["out_refund_no"]);
        Assert.DoesNotContain("6222021234567890123", attempts[0].BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", attempts[0].BodyText, StringComparison.Ordinal);
        Assert.Equal("6222021234567890123", Decrypt((string)body["bank_account"]!));
        Assert.Equal("张三", Decrypt((string)body["real_name"]!));
    }

    [Fact]
    public async Task Apply_abnormal_with_an_explicit_key_names_that_key()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer(channel: "OTHER_BANKCARD"));
        var prepared = RefundService.PrepareApplyAbnormal(RefundSamples.RefundId, RefundSamples.UserBankCard(), TestKeys.CertificateSerial, TestKeys.WeChatRotated);

        await Sdk.Refunds.SendAsync(prepared);

        var request = Assert.Single(Stub.Requests);
        Assert.Equal(TestKeys.CertificateSerial, request.Header("Wechatpay-Serial"));
        var body = JsonNode.Parse(request.BodyText)!;
        Assert.Equal("张三", Encoding.UTF8.GetString(TestKeys.WeChatRotated.Decrypt(Convert.FromBase64String((string)body["real_name"]!), RSAEncryptionPadding.OaepSHA1)));
        Assert.ThrowsAny<CryptographicException>(() => Decrypt((string)body["real_name"]!));
    }

    [Fact]
    public async Task Apply_abnormal_to_the_merchant_card_sends_no_bank_fields()
    {
        Stub.Responder = _ => StubReply.Json(RefundSamples.Answer());

        await Sdk.Refunds.ApplyAbnormalAsync(RefundSamples.RefundId, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = RefundSamples.OutRefundNo, Type = AbnormalRefundTypes.MerchantBankCard,
        });

        var body = JsonNode.Parse(Assert.Single(Stub.Requests).BodyText)!.AsObject();
        Assert.Equal(["sub_mchid", "out_refund_no", "type"], body.Select(kv => kv.Key).ToArray());
    }

    private static string Decrypt(string base64) =>
        Encoding.UTF8.GetString(TestKeys.WeChat.Decrypt(Convert.FromBase64String(base64), RSAEncryptionPadding.OaepSHA1));
}
