using WxPayScore.Errors;
using WxPayScore.Refunds;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Refunds;

/// <summary>Client-side checks of refund requests (refunds.md §3.1, §4, §6, §10.11): each mistake names its field.</summary>
public sealed class RefundValidatorTests
{
    [Theory]
    [InlineData("RF20250102A0001")]
    [InlineData("a_b-c|d*e@f")]
    [InlineData("1")]
    public void Valid_out_refund_numbers_pass(string outRefundNo)
    {
        var call = RefundService.PrepareCreate(RefundSamples.Create(outRefundNo));
        Assert.Equal(outRefundNo, call.OutRefundNo);
    }

    [Fact]
    public void Sixty_four_bytes_pass_and_sixty_five_do_not()
    {
        RefundService.PrepareCreate(RefundSamples.Create(new string('A', 64)));
        AssertField("out_refund_no", () => RefundService.PrepareCreate(RefundSamples.Create(new string('A', 65))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("RF 1")]
    [InlineData("RF#1")]
    [InlineData("RF/1")]
    [InlineData("退款1")]
    public void Out_refund_numbers_outside_the_charset_are_refused(string outRefundNo) =>
        AssertField("out_refund_no", () => RefundService.PrepareCreate(RefundSamples.Create(outRefundNo)));

    [Fact]
    public void The_reason_is_limited_in_utf8_bytes_not_characters()
    {
        // 26 Chinese characters = 78 bytes pass; 27 = 81 bytes do not, though far below 80 characters.
        RefundService.PrepareCreate(RefundSamples.Create() with { Reason = new string('退', 26) + "ab" });
        AssertField("reason", () => RefundService.PrepareCreate(RefundSamples.Create() with { Reason = new string('退', 27) }));
    }

    [Fact]
    public void Exactly_one_of_transaction_id_and_out_trade_no_is_required()
    {
        AssertField("transaction_id", () => RefundService.PrepareCreate(RefundSamples.Create() with { TransactionId = null }));
        AssertField("transaction_id", () => RefundService.PrepareCreate(RefundSamples.Create() with { OutTradeNo = "WXPS20250101140105A1B2C3" }));
        var byTrade = RefundService.PrepareCreate(RefundSamples.Create() with { TransactionId = null, OutTradeNo = "WXPS20250101140105A1B2C3" });
        Assert.Contains("\"out_trade_no\":\"WXPS20250101140105A1B2C3\"", System.Text.Encoding.UTF8.GetString(byTrade.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, 300L, "CNY", "amount.refund")]
    [InlineData(-5L, 300L, "CNY", "amount.refund")]
    [InlineData(301L, 300L, "CNY", "amount.refund")]
    [InlineData(100L, 0L, "CNY", "amount.total")]
    [InlineData(100L, 300L, "USD", "amount.currency")]
    [InlineData(100L, 300L, "cny", "amount.currency")]
    public void Amounts_are_checked(long refund, long total, string currency, string field) =>
        AssertField(field, () => RefundService.PrepareCreate(RefundSamples.Create() with
        {
            Amount = new RefundAmountOptions { Refund = refund, Total = total, Currency = currency },
        }));

    [Fact]
    public void From_must_add_up_to_the_refund_without_a_repeated_account()
    {
        RefundAmountOptions With(params RefundFrom[] from) => new() { Refund = 100, Total = 300, From = from };
        RefundService.PrepareCreate(RefundSamples.Create() with { Amount = With(new RefundFrom { Account = "AVAILABLE", Amount = 60 }, new RefundFrom { Account = "UNAVAILABLE", Amount = 40 }) });
        AssertField("amount.from", () => RefundService.PrepareCreate(RefundSamples.Create() with { Amount = With(new RefundFrom { Account = "AVAILABLE", Amount = 60 }) }));
        AssertField("amount.from[1].account", () => RefundService.PrepareCreate(RefundSamples.Create() with
        {
            Amount = With(new RefundFrom { Account = "AVAILABLE", Amount = 60 }, new RefundFrom { Account = "AVAILABLE", Amount = 40 }),
        }));
        AssertField("amount.from[0].account", () => RefundService.PrepareCreate(RefundSamples.Create() with { Amount = With(new RefundFrom { Account = "BASIC", Amount = 100 }) }));
    }

    [Theory]
    [InlineData("ftp://sp.example.com/refund")]
    [InlineData("https://sp.example.com/refund?x=1")]
    [InlineData("/refund/notify")]
    public void The_notify_url_must_be_absolute_without_a_query(string url) =>
        AssertField("notify_url", () => RefundService.PrepareCreate(RefundSamples.Create() with { NotifyUrl = url }));

    [Fact]
    public void Sub_mchid_and_funds_account_are_checked()
    {
        AssertField("sub_mchid", () => RefundService.PrepareCreate(RefundSamples.Create() with { SubMchId = "" }));
        AssertField("funds_account", () => RefundService.PrepareCreate(RefundSamples.Create() with { FundsAccount = "BASIC" }));
        RefundService.PrepareCreate(RefundSamples.Create() with { FundsAccount = "AVAILABLE" });
    }

    [Fact]
    public void A_query_needs_a_valid_number_and_sub_mchid()
    {
        AssertField("out_refund_no", () => RefundService.PrepareGet("bad/number", RefundSamples.Query));
        AssertField("sub_mchid", () => RefundService.PrepareGet(RefundSamples.OutRefundNo, new RefundGetOptions { SubMchId = "" }));
    }

    [Fact]
    public void A_user_bank_card_abnormal_refund_needs_a_debit_bank_an_account_and_a_name()
    {
        static void Prepare(RefundApplyAbnormalOptions o) => RefundService.PrepareApplyAbnormal(RefundSamples.RefundId, o, TestKeys.PublicKeyId, TestKeys.WeChat);
        Prepare(RefundSamples.UserBankCard());
        AssertField("bank_type", () => Prepare(RefundSamples.UserBankCard() with { BankType = null }));
        AssertField("bank_type", () => Prepare(RefundSamples.UserBankCard() with { BankType = "CMB_CREDIT" }));
        AssertField("bank_account", () => Prepare(RefundSamples.UserBankCard() with { BankAccount = null }));
        AssertField("real_name", () => Prepare(RefundSamples.UserBankCard() with { RealName = "" }));
        AssertField("type", () => Prepare(RefundSamples.UserBankCard() with { Type = "WALLET" }));
        AssertField("bank_account", () => Prepare(RefundSamples.UserBankCard() with { Type = AbnormalRefundTypes.MerchantBankCard, BankType = null }));
        AssertField("refund_id", () => RefundService.PrepareApplyAbnormal("", RefundSamples.UserBankCard(), TestKeys.PublicKeyId, TestKeys.WeChat));
        AssertField("out_refund_no", () => Prepare(RefundSamples.UserBankCard() with { OutRefundNo = "no spaces" }));
    }

    private static void AssertField(string field, Action act)
    {
        var ex = Assert.Throws<WeChatPayValidationException>(act);
        Assert.Equal(field, ex.Field);
    }
}
