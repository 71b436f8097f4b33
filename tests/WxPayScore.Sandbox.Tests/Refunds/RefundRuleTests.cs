using System.Net;
using System.Text;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Json;
using WxPayScore.Refunds;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Refunds;

/// <summary>
/// The refund engine rule by rule (refunds.md §10), through the SDK on real HTTP: lookup, amounts, the 50-refund limit,
/// idempotency, the 365-day window, progress, and that the Pay Score order never changes. The interval rule is off here
/// (see <see cref="RefundIntervalTests"/>).
/// </summary>
public sealed class RefundRuleTests : CallbackSandboxTestBase
{
    public RefundRuleTests()
        : base(o => o.RefundIntervalSeconds = 0)
    {
    }

    [Fact]
    public async Task A_full_refund_is_PROCESSING_then_SUCCESS_after_the_delay_with_REFUND_SUCCESS_and_the_order_unchanged()
    {
        var (outOrderNo, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        var before = JsonSerializer.Serialize(await Scenario.GetAsync(Merchant, outOrderNo), WxPayScoreJsonContext.Wire.ServiceOrder);
        var callbacksBefore = Sandbox.Control.GetNotifications().Count;
        var request = RefundScenario.Create(detail, 300, notifyUrl: Receiver.NotifyUrl);

        var accepted = await Merchant.Refunds.CreateAsync(request);

        Assert.Equal(RefundStatus.Processing, accepted.Status);
        Assert.Equal(detail.TransactionId, accepted.TransactionId);
        Assert.NotEqual(outOrderNo, accepted.OutTradeNo);
        Assert.StartsWith("503", accepted.RefundId, StringComparison.Ordinal);
        Assert.Equal(("ORIGINAL", "支付用户零钱", "AVAILABLE"), (accepted.Channel, accepted.UserReceivedAccount, accepted.FundsAccount));
        Assert.Equal((300L, 300L, 300L, 300L, 0L), (accepted.Amount!.Total, accepted.Amount.Refund, accepted.Amount.PayerRefund, accepted.Amount.SettlementRefund, accepted.Amount.DiscountRefund));
        Assert.Null(accepted.SuccessTime);
        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get())).Status);

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));

        var done = await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get());
        Assert.Equal(RefundStatus.Success, done.Status);
        Assert.Equal(accepted.RefundId, done.RefundId);
        Assert.NotNull(done.SuccessTime);
        var received = await Receiver.WaitForAsync(r => r.Any(c => c.Result.Callback is RefundSuccessCallback));
        var success = (RefundSuccessCallback)received.Single(c => c.Result.Callback is RefundSuccessCallback).Result.Callback!;
        Assert.Equal((request.OutRefundNo, TestKeys.SubMchId, TestKeys.MchId, 300L), (success.Refund.OutRefundNo, success.Refund.SubMchId, success.Refund.SpMchId, success.Refund.Amount!.Refund));
        Assert.Equal("退款成功", success.Summary);

        // The Pay Score order and its callbacks are untouched (§10.10).
        Assert.Equal(before, JsonSerializer.Serialize(await Scenario.GetAsync(Merchant, outOrderNo), WxPayScoreJsonContext.Wire.ServiceOrder));
        Assert.DoesNotContain(Sandbox.Control.GetNotifications().Skip(callbacksBefore), n => n.EventType.StartsWith("PAYSCORE.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partial_refunds_up_to_the_detail_amount_pass_and_one_fen_more_is_an_over_refund()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 200));

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 101)),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
        var last = await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100));
        Assert.Equal(RefundStatus.Processing, last.Status);
        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1)),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
    }

    [Fact]
    public async Task A_total_other_than_the_detail_amount_is_refused()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100, total: 299)),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "订单金额与原交易不一致");
    }

    [Fact]
    public async Task The_51st_refund_of_a_transaction_is_refused()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant, amount: 100);
        for (var i = 0; i < 50; i++)
        {
            await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1));
        }

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1)),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "退款次数");
        Assert.Equal(50, Sandbox.Control.GetRefunds().Count(r => r.TransactionId == detail.TransactionId));
    }

    [Fact]
    public async Task The_same_request_again_answers_the_same_refund_in_its_current_status_and_a_changed_one_is_refused()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        var request = RefundScenario.Create(detail, 100);
        var first = await Merchant.Refunds.CreateAsync(request);

        var again = await Merchant.Refunds.CreateAsync(request with { Reason = "另一个原因", NotifyUrl = Receiver.NotifyUrl });
        Assert.Equal((first.RefundId, RefundStatus.Processing), (again.RefundId, again.Status));

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var afterSuccess = await Merchant.Refunds.CreateAsync(request);
        Assert.Equal((first.RefundId, RefundStatus.Success), (afterSuccess.RefundId, afterSuccess.Status));

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(request with { Amount = request.Amount with { Refund = 101 } }),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "订单金额或退款金额与之前请求不一致，请核实后再试");
        var (_, other) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(request with { TransactionId = other.TransactionId }),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "订单金额或退款金额与之前请求不一致");
        Assert.Single(Sandbox.Control.GetRefunds(), r => r.OutRefundNo == request.OutRefundNo);
    }

    [Fact]
    public async Task A_transaction_paid_more_than_365_days_ago_cannot_be_refunded()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(364));
        await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100));

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(2));

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100)),
            HttpStatusCode.BadRequest, "INVALID_REQUEST", "订单已超过退款期限");
    }

    [Fact]
    public async Task Lookup_is_by_transaction_id_or_the_detail_s_own_out_trade_no_never_the_out_order_no()
    {
        var (outOrderNo, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        var byTransaction = await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100));

        var byTrade = await Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100) with { TransactionId = null, OutTradeNo = byTransaction.OutTradeNo });
        Assert.Equal(detail.TransactionId, byTrade.TransactionId);

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1) with { TransactionId = null, OutTradeNo = outOrderNo }),
            HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "订单不存在");
        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1) with { TransactionId = "4200002099010112345678901234" }),
            HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "订单不存在");
        await Requests.FailsWith(() => Merchant.Refunds.GetAsync("RFunknown", RefundScenario.Get()),
            HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS", "退款单不存在");
    }

    [Fact]
    public async Task Both_ids_must_name_the_same_transaction_and_bad_fields_are_PARAM_ERROR_naming_them()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        async Task<WxPayScore.Errors.WeChatPayApiException> Raw(string body) => await Requests.FailsWith(
            () => Merchant.Transport.SendAsync("refund.create", HttpMethod.Post, "/v3/refund/domestic/refunds", Encoding.UTF8.GetBytes(body), default),
            HttpStatusCode.BadRequest, "PARAM_ERROR");
        string Body(string amount, string extra = "") =>
            $$"""{"sub_mchid":"{{TestKeys.SubMchId}}","transaction_id":"{{detail.TransactionId}}","out_refund_no":"{{RefundScenario.NewOutRefundNo()}}"{{extra}},"amount":{{amount}}}""";

        Assert.Equal("/out_trade_no", (await Raw(Body("""{"refund":1,"total":300,"currency":"CNY"}""", ""","out_trade_no":"WXPS0000" """))).Detail?.Field);
        Assert.Equal("/amount/refund", (await Raw(Body("""{"refund":0,"total":300,"currency":"CNY"}"""))).Detail?.Field);
        Assert.Equal("/amount/currency", (await Raw(Body("""{"refund":1,"total":300,"currency":"USD"}"""))).Detail?.Field);
        Assert.Equal("/amount/currency", (await Raw(Body("""{"refund":1,"total":300}"""))).Detail?.Field);
        Assert.Equal("/reason", (await Raw(Body("""{"refund":1,"total":300,"currency":"CNY"}""", $$""","reason":"{{new string('退', 27)}}" """))).Detail?.Field);
        Assert.Equal("/notify_url", (await Raw(Body("""{"refund":1,"total":300,"currency":"CNY"}""", ""","notify_url":"https://sp.example.com/n?x=1" """))).Detail?.Field);
        await Raw(Body("""{"refund":1,"total":300,"currency":"CNY"}""", ""","nonsense":1"""));
        await Raw($$$"""{"sub_mchid":"{{{TestKeys.SubMchId}}}","out_refund_no":"RF1","amount":{"refund":1,"total":300,"currency":"CNY"}}""");
        await Raw($$$"""{"sub_mchid":"{{{TestKeys.SubMchId}}}","transaction_id":"{{{detail.TransactionId}}}","out_refund_no":"RF#1","amount":{"refund":1,"total":300,"currency":"CNY"}}""");
        await Requests.FailsWith(() => Merchant.Transport.SendAsync("refund.query", HttpMethod.Get, "/v3/refund/domestic/refunds/RF1", null, default),
            HttpStatusCode.BadRequest, "PARAM_ERROR");
        Assert.Empty(Sandbox.Control.GetRefunds());

        // refund_account (in one official sample only) is accepted and ignored; '*' and '@' are in the charset.
        var ok = await Merchant.Transport.SendAsync("refund.create", HttpMethod.Post, "/v3/refund/domestic/refunds",
            Encoding.UTF8.GetBytes(Body("""{"refund":1,"total":300,"currency":"CNY"}""", ""","refund_account":"REFUND_SOURCE_SUB_MERCHANT" """).Replace("\"out_refund_no\":\"RF", "\"out_refund_no\":\"R*@F", StringComparison.Ordinal)), default);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Notifications_use_the_refund_retry_schedule_and_only_200_or_204_is_success()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.RefundIntervalSeconds = 0;
            o.RefundNotificationRetrySeconds = [7, 11];
            o.NotificationRetrySeconds = [100, 200];
        });
        await using var merchant = MerchantClient.For(sandbox.Host);
        await using var receiver = await CallbackReceiver.StartAsync(merchant.Callbacks);
        var (_, detail) = await RefundScenario.PaidAsync(sandbox, merchant);
        receiver.Script.Enqueue(202);
        receiver.Script.Enqueue(500);
        receiver.Script.Enqueue(200);
        var request = RefundScenario.Create(detail, 100, notifyUrl: receiver.NotifyUrl);
        await merchant.Refunds.CreateAsync(request);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var notification = Assert.Single(sandbox.Control.GetNotifications(), n => n.OutRefundNo == request.OutRefundNo);
        Assert.Equal(("REFUND.SUCCESS", "Pending"), (notification.EventType, notification.State));
        Assert.InRange((notification.NextAttemptAt - notification.Attempts[0].Time)!.Value.TotalSeconds, 7, 8);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(7));
        notification = sandbox.Control.GetNotifications().Single(n => n.OutRefundNo == request.OutRefundNo);
        Assert.InRange((notification.NextAttemptAt - notification.Attempts[1].Time)!.Value.TotalSeconds, 11, 12);

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(11));
        notification = sandbox.Control.GetNotifications().Single(n => n.OutRefundNo == request.OutRefundNo);
        Assert.Equal("Delivered", notification.State);
        Assert.Equal([202, 500, 200], notification.Attempts.Select(a => a.StatusCode ?? 0).ToArray());
        var resource = JsonDocument.Parse(notification.Body).RootElement.GetProperty("resource");
        Assert.Equal(("refund", "refund"), (resource.GetProperty("original_type").GetString(), resource.GetProperty("associated_data").GetString()));
    }
}
