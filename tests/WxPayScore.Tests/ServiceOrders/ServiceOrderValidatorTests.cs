using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>Client-side validation: every error names the JSON field that is wrong.</summary>
public sealed class ServiceOrderValidatorTests
{
    private static ServiceOrderCompleteOptions Complete(long total, IReadOnlyList<PostPayment>? payments = null, IReadOnlyList<PostDiscount>? discounts = null, ServiceOrder? current = null) => new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        PostPayments = payments ?? [new PostPayment { Name = "租借费用", Amount = 300 }, new PostPayment { Name = "超时费", Amount = 200 }],
        PostDiscounts = discounts,
        TotalAmount = total,
        TimeRange = new TimeRange { EndTime = ServiceTime.Parse("20250101140000") },
        CurrentOrder = current,
    };

    private static ServiceOrderModifyOptions Modify(long total, ServiceOrder? current = null) => new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        PostPayments = [new PostPayment { Name = "租借费用", Amount = total }],
        TotalAmount = total,
        Reason = "协商降价",
        CurrentOrder = current,
    };

    private static string FieldOf(Action action) => Assert.Throws<WeChatPayValidationException>(action).Field;

    [Fact]
    public void The_sample_create_request_is_valid()
    {
        ServiceOrderValidator.ValidateCreate(Samples.Create());
        ServiceOrderValidator.ValidateCreate(Samples.VectorACreate());
    }

    [Theory]
    [InlineData("SP20250101A0001")]
    [InlineData("a_b-c|d*e")]
    [InlineData("12345678901234567890123456789012")] // 32
    public void Valid_out_order_numbers_pass(string outOrderNo) => ServiceOrderValidator.ValidateOutOrderNo(outOrderNo);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("123456789012345678901234567890123")] // 33
    [InlineData("SP 001")]
    [InlineData("SP/001")]
    [InlineData("SP.001")]
    [InlineData("订单001")]
    public void Invalid_out_order_numbers_name_the_field(string? outOrderNo)
    {
        var ex = Assert.Throws<WeChatPayValidationException>(() => ServiceOrderValidator.ValidateCreate(Samples.Create() with { OutOrderNo = outOrderNo! }));

        Assert.Equal("out_order_no", ex.Field);
        Assert.StartsWith("out_order_no:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_count_characters_so_twenty_Chinese_characters_fit_service_introduction()
    {
        var twenty = new string('充', 20);

        ServiceOrderValidator.ValidateCreate(Samples.Create() with { ServiceIntroduction = twenty });
        Assert.Equal("service_introduction", FieldOf(() => ServiceOrderValidator.ValidateCreate(Samples.Create() with { ServiceIntroduction = twenty + "宝" })));
    }

    [Theory]
    [InlineData("XX充电宝😀")]
    [InlineData("𠀀")] // CJK extension B: 4 bytes in UTF-8
    public void Four_byte_characters_are_refused(string text)
    {
        var ex = Assert.Throws<WeChatPayValidationException>(() => ServiceOrderValidator.ValidateCreate(Samples.Create() with { ServiceIntroduction = text }));

        Assert.Equal("service_introduction", ex.Field);
        Assert.Contains("4-byte", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, ServiceOrderCreateOptions> BadCreates()
    {
        var ok = Samples.Create();
        return new TheoryData<string, ServiceOrderCreateOptions>
        {
            { "service_id", ok with { ServiceId = "" } },
            { "service_id", ok with { ServiceId = new string('1', 33) } },
            { "appid", ok with { AppId = "" } },
            { "sub_mchid", ok with { SubMchId = null! } },
            { "sub_appid", ok with { SubAppId = new string('w', 33) } },
            { "attach", ok with { Attach = new string('a', 257) } },
            { "notify_url", ok with { NotifyUrl = "https://sp.example.com/notify?x=1" } },
            { "notify_url", ok with { NotifyUrl = "/relative" } },
            { "notify_url", ok with { NotifyUrl = "https://sp.example.com/" + new string('n', 240) } },
            { "risk_fund.name", ok with { RiskFund = new RiskFund { Name = "BAIL", Amount = 1 } } },
            { "risk_fund.amount", ok with { RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 0 } } },
            { "risk_fund.description", ok with { RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 1, Description = new string('d', 31) } } },
            { "risk_fund", ok with { RiskFund = null! } },
            { "time_range", ok with { TimeRange = null! } },
            { "time_range.start_time", ok with { TimeRange = new TimeRange() } },
            { "time_range.end_time", ok with { TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, EndTime = ServiceTime.OnAccept } } },
            { "time_range.end_time", ok with { TimeRange = new TimeRange { StartTime = ServiceTime.Parse("20250102"), EndTime = ServiceTime.Parse("20250101235959") } } },
            { "time_range.end_time_remark", ok with { TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, EndTimeRemark = "x" } } },
            { "time_range.start_time_remark", ok with { TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = new string('r', 21) } } },
            { "location.end_location", ok with { Location = new Location { EndLocation = "B" } } },
            { "location.start_location", ok with { Location = new Location { StartLocation = new string('l', 51) } } },
            { "post_payments[0].name", ok with { PostPayments = [new PostPayment { Amount = 1 }] } },
            { "post_payments[0].name", ok with { PostPayments = [new PostPayment { Name = new string('费', 21), Amount = 1 }] } },
            { "post_payments[0]", ok with { PostPayments = [new PostPayment { Name = "租借费用" }] } },
            { "post_payments[0].amount", ok with { PostPayments = [new PostPayment { Name = "租借费用", Amount = -1 }] } },
            { "post_payments[0].count", ok with { PostPayments = [new PostPayment { Name = "租借费用", Amount = 1, Count = 0 }] } },
            { "post_payments[0].count", ok with { PostPayments = [new PostPayment { Name = "租借费用", Amount = 1, Count = 101 }] } },
            { "post_payments[0].description", ok with { PostPayments = [new PostPayment { Name = "租借费用", Description = new string('d', 31) }] } },
            { "post_payments[1].name", ok with { PostPayments = [new PostPayment { Name = "租借费用", Amount = 1 }, new PostPayment { Name = "租借费用", Amount = 2 }] } },
            { "post_discounts[0].description", ok with { PostDiscounts = [new PostDiscount { Name = "新人优惠", Amount = 1 }] } },
            { "post_discounts[1].name", ok with { PostDiscounts = [new PostDiscount { Name = "A", Description = "d", Amount = 1 }, new PostDiscount { Name = "A", Description = "d", Amount = 1 }] } },
            { "openid", ok with { OpenId = "o1" } },
            { "openid", ok with { NeedUserConfirm = false } },
            { "sub_openid", ok with { SubAppId = null, SubOpenId = "o1", NeedUserConfirm = false } },
            { "device.start_device_id", ok with { Device = new Device { StartDeviceId = new string('d', 51) } } },
            { "device.materiel_no", ok with { Device = new Device { MaterielNo = new string('m', 101) } } },
        };
    }

    [Theory]
    [MemberData(nameof(BadCreates))]
    public void Create_errors_name_the_field(string field, ServiceOrderCreateOptions options)
    {
        Assert.Equal(field, FieldOf(() => ServiceOrderValidator.ValidateCreate(options)));
    }

    [Fact]
    public void Mian_que_ren_mode_accepts_exactly_one_user_id()
    {
        ServiceOrderValidator.ValidateCreate(Samples.Create() with { NeedUserConfirm = false, OpenId = "o1" });
        ServiceOrderValidator.ValidateCreate(Samples.Create() with { NeedUserConfirm = false, SubOpenId = "o1" });
        Assert.Equal("openid", FieldOf(() => ServiceOrderValidator.ValidateCreate(Samples.Create() with { NeedUserConfirm = false, OpenId = "o1", SubOpenId = "o2" })));
    }

    [Fact]
    public void Up_to_100_payments_and_30_discounts_are_allowed_not_more()
    {
        var payments = Enumerable.Range(0, 100).Select(i => new PostPayment { Name = $"费用{i}", Amount = 1 }).ToArray();
        var discounts = Enumerable.Range(0, 30).Select(i => new PostDiscount { Name = $"优惠{i}", Description = "d", Amount = 1 }).ToArray();

        ServiceOrderValidator.ValidateComplete(Complete(70, payments, discounts));
        Assert.Equal("post_payments", FieldOf(() => ServiceOrderValidator.ValidateComplete(Complete(101, [.. payments, new PostPayment { Name = "多", Amount = 1 }]))));
        Assert.Equal("post_discounts", FieldOf(() => ServiceOrderValidator.ValidateComplete(Complete(69, payments, [.. discounts, new PostDiscount { Name = "多", Description = "d", Amount = 1 }]))));
        Assert.Equal("post_payments", FieldOf(() => ServiceOrderValidator.ValidateCreate(Samples.Create() with { PostPayments = [.. payments, new PostPayment { Name = "多", Amount = 1 }] })));
    }

    [Fact]
    public void The_goods_info_line_name_may_repeat()
    {
        ServiceOrderValidator.ValidateComplete(Complete(3, [
            new PostPayment { Name = ServiceOrderValidator.GoodsInfoName, Amount = 1 },
            new PostPayment { Name = ServiceOrderValidator.GoodsInfoName, Amount = 2 },
        ]));
    }

    [Theory]
    [InlineData(500, true)] // 300 + 200
    [InlineData(400, true)] // − 100 discount
    [InlineData(501, false)]
    [InlineData(499, false)]
    [InlineData(-1, false)]
    public void Complete_total_must_equal_payments_minus_discounts(long total, bool valid)
    {
        var discounts = total == 400 ? new[] { new PostDiscount { Name = "新人优惠", Description = "首单减1元", Amount = 100 } } : null;
        var options = Complete(total, discounts: discounts);

        if (valid)
        {
            ServiceOrderValidator.ValidateComplete(options);
        }
        else
        {
            var ex = Assert.Throws<WeChatPayValidationException>(() => ServiceOrderValidator.ValidateComplete(options));
            Assert.Equal("total_amount", ex.Field);
        }
    }

    [Fact]
    public void Complete_needs_at_least_one_payment_line()
    {
        Assert.Equal("post_payments", FieldOf(() => ServiceOrderValidator.ValidateComplete(Complete(0, payments: []))));
    }

    [Fact]
    public void Complete_needs_an_end_time_when_the_order_has_none()
    {
        var current = Samples.Order(ServiceOrderStatus.Doing, ServiceOrderStatus.UserConfirm);

        ServiceOrderValidator.ValidateComplete(Complete(500, current: current));
        Assert.Equal("time_range.end_time", FieldOf(() => ServiceOrderValidator.ValidateComplete(Complete(500, current: current) with { TimeRange = null })));
    }

    [Fact]
    public void Complete_of_a_deposit_order_cannot_exceed_the_risk_fund()
    {
        var current = Samples.Order(ServiceOrderStatus.Doing, ServiceOrderStatus.UserConfirm) with { RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 400 } };

        Assert.Equal("total_amount", FieldOf(() => ServiceOrderValidator.ValidateComplete(Complete(500, current: current))));
    }

    [Fact]
    public void Modify_only_lowers_the_amount_when_the_current_order_is_known()
    {
        var current = Samples.Order(ServiceOrderStatus.Doing, ServiceOrderStatus.MchComplete, ServiceOrderStatus.UserPaying, total: 500);

        ServiceOrderValidator.ValidateModify(Modify(499, current));
        Assert.Equal("total_amount", FieldOf(() => ServiceOrderValidator.ValidateModify(Modify(500, current))));
        Assert.Equal("total_amount", FieldOf(() => ServiceOrderValidator.ValidateModify(Modify(600, current))));
        ServiceOrderValidator.ValidateModify(Modify(600)); // without a snapshot WeChat decides
    }

    [Fact]
    public void Modify_needs_a_reason_of_at_most_50_characters()
    {
        ServiceOrderValidator.ValidateModify(Modify(1) with { Reason = new string('因', 50) });
        Assert.Equal("reason", FieldOf(() => ServiceOrderValidator.ValidateModify(Modify(1) with { Reason = new string('因', 51) })));
        Assert.Equal("reason", FieldOf(() => ServiceOrderValidator.ValidateModify(Modify(1) with { Reason = "" })));
    }

    [Fact]
    public void Cancel_reason_is_required_and_at_most_50_characters()
    {
        var cancel = new ServiceOrderCancelOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = new string('取', 51) };

        Assert.Equal("reason", FieldOf(() => ServiceOrderValidator.ValidateCancel(cancel)));
    }

    [Fact]
    public void Sync_needs_a_paid_time_and_the_Order_Paid_type()
    {
        var sync = new ServiceOrderSyncOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.Parse("20250101140105") },
        };

        ServiceOrderValidator.ValidateSync(sync);
        Assert.Equal("type", FieldOf(() => ServiceOrderValidator.ValidateSync(sync with { Type = "ORDER_PAID" })));
        Assert.Equal("detail.paid_time", FieldOf(() => ServiceOrderValidator.ValidateSync(sync with { Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.OnAccept } })));
        Assert.Equal("detail.paid_time", FieldOf(() => ServiceOrderValidator.ValidateSync(sync with { Detail = null! })));
    }

    [Fact]
    public void Query_needs_service_id_and_sub_mchid()
    {
        Assert.Equal("sub_mchid", FieldOf(() => ServiceOrderValidator.ValidateQuery(new ServiceOrderGetOptions { ServiceId = TestKeys.ServiceId, SubMchId = "" })));
        Assert.Equal("service_id", FieldOf(() => ServiceOrderValidator.ValidateQuery(new ServiceOrderGetOptions { ServiceId = "", SubMchId = TestKeys.SubMchId })));
    }
}
