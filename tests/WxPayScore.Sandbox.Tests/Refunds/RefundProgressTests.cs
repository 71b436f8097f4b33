using System.Net;
using System.Text.Json;
using WxPayScore.Callbacks;
using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Refunds;

/// <summary>
/// How refunds move on (refunds.md §8, §10.5–§10.7): injected ABNORMAL and the abnormal refund, balance modes with
/// CLOSED after the queue, the interval rule on the business clock, faults on the refund endpoints, the control API.
/// </summary>
public sealed class RefundProgressTests : CallbackSandboxTestBase
{
    public RefundProgressTests()
        : base(o => o.RefundIntervalSeconds = 0)
    {
    }

    [Fact]
    public async Task An_injected_ABNORMAL_is_rerouted_by_an_abnormal_refund_to_the_user_s_debit_card_and_then_succeeds()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.InjectAbnormalRefund(detail.TransactionId!);
        var request = RefundScenario.Create(detail, 300, notifyUrl: Receiver.NotifyUrl);
        var accepted = await Merchant.Refunds.CreateAsync(request);

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(RefundStatus.Abnormal, (await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get())).Status);
        var abnormal = await Receiver.WaitForAsync(r => r.Any(c => c.Result.Callback is RefundAbnormalCallback));
        Assert.Equal("退款异常", abnormal.Single(c => c.Result.Callback is RefundAbnormalCallback).Result.Callback!.Summary);
        // An ABNORMAL refund still holds its amount.
        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1)), HttpStatusCode.BadRequest, "INVALID_REQUEST", "可退金额");

        var rerouted = await Merchant.Refunds.ApplyAbnormalAsync(accepted.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = request.OutRefundNo, Type = AbnormalRefundTypes.UserBankCard,
            BankType = "ICBC_DEBIT", BankAccount = "6222021234567890123", RealName = "张三",
        });

        Assert.Equal((RefundStatus.Processing, "OTHER_BANKCARD", "工商银行借记卡0123"), (rerouted.Status, rerouted.Channel, rerouted.UserReceivedAccount));
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        var done = await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get());
        Assert.Equal((RefundStatus.Success, "工商银行借记卡0123"), (done.Status, done.UserReceivedAccount));
        var success = await Receiver.WaitForAsync(r => r.Any(c => c.Result.Callback is RefundSuccessCallback));
        Assert.Equal("工商银行借记卡0123", ((RefundSuccessCallback)success.Single(c => c.Result.Callback is RefundSuccessCallback).Result.Callback!).Refund.UserReceivedAccount);

        // Only an ABNORMAL refund can be rerouted.
        await Requests.FailsWith(() => Merchant.Refunds.ApplyAbnormalAsync(accepted.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = request.OutRefundNo, Type = AbnormalRefundTypes.MerchantBankCard,
        }), HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task An_abnormal_refund_to_the_merchant_card_and_its_failures()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.InjectAbnormalRefund(detail.TransactionId!);
        var request = RefundScenario.Create(detail, 100);
        var accepted = await Merchant.Refunds.CreateAsync(request);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));

        await Requests.FailsWith(() => Merchant.Refunds.ApplyAbnormalAsync("50300000000000000000000000000", new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = request.OutRefundNo, Type = AbnormalRefundTypes.MerchantBankCard,
        }), HttpStatusCode.NotFound, "RESOURCE_NOT_EXISTS");
        await Requests.FailsWith(() => Merchant.Refunds.ApplyAbnormalAsync(accepted.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = "RFother", Type = AbnormalRefundTypes.MerchantBankCard,
        }), HttpStatusCode.BadRequest, "PARAM_ERROR");

        // Bank fields encrypted for another key do not decrypt: PARAM_ERROR, and the refund stays ABNORMAL.
        var wrongKey = RefundService.PrepareApplyAbnormal(accepted.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = request.OutRefundNo, Type = AbnormalRefundTypes.UserBankCard,
            BankType = "CMB_DEBIT", BankAccount = "6225881234567890", RealName = "李四",
        }, Sandbox.Host.PublicKeyId, TestKeys.Attacker);
        await Requests.FailsWith(() => Merchant.Refunds.SendAsync(wrongKey), HttpStatusCode.BadRequest, "PARAM_ERROR");
        Assert.Equal("ABNORMAL", Sandbox.Control.GetRefund(TestKeys.SubMchId, request.OutRefundNo).Status);

        var rerouted = await Merchant.Refunds.ApplyAbnormalAsync(accepted.RefundId!, new RefundApplyAbnormalOptions
        {
            SubMchId = TestKeys.SubMchId, OutRefundNo = request.OutRefundNo, Type = AbnormalRefundTypes.MerchantBankCard,
        });
        Assert.Equal((RefundStatus.Processing, "商户结算银行账户"), (rerouted.Status, rerouted.UserReceivedAccount));
    }

    [Fact]
    public async Task In_queue_mode_a_refund_without_funds_waits_PROCESSING_and_is_CLOSED_after_7_days_freeing_its_amount()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "queue", 100);
        var request = RefundScenario.Create(detail, 300, notifyUrl: Receiver.NotifyUrl);

        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.CreateAsync(request)).Status);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(6));
        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get())).Status);

        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(1));

        Assert.Equal(RefundStatus.Closed, (await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get())).Status);
        Assert.Equal(RefundStatus.Closed, (await Merchant.Refunds.CreateAsync(request)).Status); // a replay answers CLOSED
        var closed = await Receiver.WaitForAsync(r => r.Any(c => c.Result.Callback is RefundClosedCallback));
        Assert.Equal("退款关闭", closed.Single(c => c.Result.Callback is RefundClosedCallback).Result.Callback!.Summary);

        // CLOSED freed the 300: a new number may refund it; it waits until the balance is topped up, then succeeds.
        var retry = RefundScenario.Create(detail, 300);
        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.CreateAsync(retry)).Status);
        Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "queue", 1000);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(RefundStatus.Success, (await Merchant.Refunds.GetAsync(retry.OutRefundNo, RefundScenario.Get())).Status);
    }

    [Fact]
    public async Task In_reject_mode_a_refund_without_funds_is_403_NOT_ENOUGH_and_nothing_is_registered()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "reject", 250);
        var request = RefundScenario.Create(detail, 300);

        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(request), HttpStatusCode.Forbidden, "NOT_ENOUGH");
        Assert.Empty(Sandbox.Control.GetRefunds());

        // Retried with the same number once funds are there (§7), it goes through.
        Sandbox.Control.SetRefundFunds(TestKeys.SubMchId, "reject", 300);
        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.CreateAsync(request)).Status);
        await Requests.FailsWith(() => Merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 1)), HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task A_zero_delay_answers_SUCCESS_at_once()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RefundSuccessDelaySeconds = 0);
        await using var merchant = MerchantClient.For(sandbox.Host);
        var (_, detail) = await RefundScenario.PaidAsync(sandbox, merchant);

        var refund = await merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 300));

        Assert.Equal(RefundStatus.Success, refund.Status);
        Assert.NotNull(refund.SuccessTime);
    }

    [Fact]
    public async Task A_refund_within_the_interval_of_the_previous_one_on_the_same_transaction_is_429_until_the_clock_moves_on()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RefundIntervalSeconds = 60);
        await using var merchant = MerchantClient.For(sandbox.Host, o => o.MaxRetries = 0);
        var (_, detail) = await RefundScenario.PaidAsync(sandbox, merchant);
        var (_, other) = await RefundScenario.PaidAsync(sandbox, merchant);
        await merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100));

        await Requests.FailsWith(() => merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100)), HttpStatusCode.TooManyRequests, "FREQUENCY_LIMITED");
        await merchant.Refunds.CreateAsync(RefundScenario.Create(other, 100)); // another transaction is not held up
        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(59));
        await Requests.FailsWith(() => merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100)), HttpStatusCode.TooManyRequests, "FREQUENCY_LIMITED");

        await sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(RefundStatus.Processing, (await merchant.Refunds.CreateAsync(RefundScenario.Create(detail, 100))).Status);
    }

    [Fact]
    public async Task Faults_apply_to_the_refund_endpoints_and_a_retry_of_the_same_bytes_refunds_once()
    {
        var (_, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundCreate, Kind = FaultKinds.SystemError, Count = 1 });
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundQuery, Kind = FaultKinds.FrequencyLimited, Count = 1 });
        var request = RefundScenario.Create(detail, 100);

        var refund = await Merchant.Refunds.CreateAsync(request);
        Assert.Equal(RefundStatus.Processing, (await Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get())).Status);

        // Committed, then the connection dropped: the SDK's retry of the same prepared call gets the same refund.
        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundCreate, Kind = FaultKinds.CommitThenDrop, Count = 1 });
        var second = RefundService.PrepareCreate(RefundScenario.Create(detail, 50));
        var afterDrop = await Merchant.Refunds.SendAsync(second);
        Assert.Equal(second.OutRefundNo, afterDrop.OutRefundNo);

        var refunds = Sandbox.Control.GetRefunds();
        Assert.Equal([request.OutRefundNo, second.OutRefundNo!], refunds.Select(r => r.OutRefundNo).ToArray());
        Assert.Equal(refund.RefundId, refunds[0].RefundId);

        Sandbox.Control.AddFault(new SandboxFaultRequest { Endpoint = FaultEndpoints.RefundQuery, Kind = FaultKinds.InvalidSignature, Count = 1 });
        await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Merchant.Refunds.GetAsync(request.OutRefundNo, RefundScenario.Get()));
    }

    [Fact]
    public async Task The_control_api_and_the_sandbox_page_show_refunds_and_set_funds_and_abnormal()
    {
        var (outOrderNo, detail) = await RefundScenario.PaidAsync(Sandbox, Merchant);
        using var http = new HttpClient { BaseAddress = Sandbox.Host.BaseUrl };
        using (var abnormal = await http.PostAsync("/sandbox/refunds/abnormal", new StringContent($$"""{"transaction_id":"{{detail.TransactionId}}"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, abnormal.StatusCode);
        }

        using (var funds = await http.PostAsync($"/sandbox/refunds/funds/{TestKeys.SubMchId}", new StringContent("""{"mode":"sometimes","balance":1}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, funds.StatusCode);
        }

        var request = RefundScenario.Create(detail, 120);
        await Merchant.Refunds.CreateAsync(request);
        await Sandbox.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));

        using var list = JsonDocument.Parse(await http.GetStringAsync("/sandbox/refunds"));
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal((request.OutRefundNo, outOrderNo, "ABNORMAL", 120L), (item.GetProperty("out_refund_no").GetString(), item.GetProperty("out_order_no").GetString(),
            item.GetProperty("status").GetString(), item.GetProperty("refund").GetInt64()));
        using var one = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/refunds/{TestKeys.SubMchId}/{request.OutRefundNo}"));
        Assert.Equal(detail.TransactionId, one.RootElement.GetProperty("transaction_id").GetString());
        using (var missing = await http.GetAsync($"/sandbox/refunds/{TestKeys.SubMchId}/RFnone"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var page = await http.GetStringAsync("/sandbox");
        Assert.Contains("id=\"refunds\"", page, StringComparison.Ordinal);
        Assert.Contains(request.OutRefundNo, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refunds_and_funds_survive_a_restart_with_Sqlite()
    {
        var dataPath = TestSandbox.NewDataPath();
        string outRefundNo;
        try
        {
            await using (var first = await TestSandbox.StartAsync(o => o.Persistence = "Sqlite", dataPath: dataPath))
            {
                await using var merchant = MerchantClient.For(first.Host);
                var (_, detail) = await RefundScenario.PaidAsync(first, merchant);
                first.Control.SetRefundFunds(TestKeys.SubMchId, "queue", 50);
                var request = RefundScenario.Create(detail, 100);
                outRefundNo = request.OutRefundNo;
                await merchant.Refunds.CreateAsync(request);
            }

            await using var second = await TestSandbox.StartAsync(o => o.Persistence = "Sqlite", dataPath: dataPath);
            await using var again = MerchantClient.For(second.Host);
            Assert.Equal(RefundStatus.Processing, (await again.Refunds.GetAsync(outRefundNo, RefundScenario.Get())).Status);
            second.Control.SetRefundFunds(TestKeys.SubMchId, "queue", 100);
            await second.Control.AdvanceClockAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(RefundStatus.Success, (await again.Refunds.GetAsync(outRefundNo, RefundScenario.Get())).Status);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
