using System.Text;
using System.Text.Json;
using WxPayScore.Json;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Tests.Json;

/// <summary>
/// <see cref="ServiceOrder"/> and the records inside it, read and written by their own converters
/// (ServiceOrderJsonConverterFactory): the bytes written are those the source generator wrote before the
/// converters (captured from it), reading accepts and refuses what it did.
/// </summary>
public sealed class ServiceOrderJsonTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 5, ServiceTime.BeijingOffset);

    /// <summary>Every property of every record set, two list elements, text that the encoders treat differently.</summary>
    internal static ServiceOrder FullOrder() => new()
    {
        OutOrderNo = "SP1", ServiceId = "S1", AppId = "wx1", MchId = "123", SubAppId = "wx2", SubMchId = "456",
        ServiceIntroduction = "充电宝 <\"é\">&'", State = "DONE", StateDescription = "MCH_COMPLETE",
        PostPayments = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }, new PostPayment { Name = "b" }],
        PostDiscounts = [new PostDiscount { Name = "新用户", Description = "d", Amount = 100, Count = 2 }, new PostDiscount()],
        RiskFund = new RiskFund { Name = "DEPOSIT", Amount = 9900, Description = "押金" },
        TotalAmount = 200, NeedCollection = true,
        Collection = new CollectionInfo
        {
            State = "USER_PAID", TotalAmount = 200, PayingAmount = 0, PaidAmount = 200, BankType = "OTHERS",
            Details =
            [
                new CollectionDetail
                {
                    Seq = 1, Amount = 200, PaidType = "NEWTON", PaidTime = "20250101140105", TransactionId = "42",
                    PromotionDetail =
                    [
                        new Promotion
                        {
                            CouponId = "c1", Name = "券", Scope = "SINGLE", Type = "CASH", Amount = 10, StockId = "s1",
                            WechatpayContribute = 1, MerchantContribute = 2, OtherContribute = 3, Currency = "CNY",
                            GoodsDetail = [new PromotionGoods { GoodsId = "g1", Quantity = 2, UnitPrice = 5, DiscountAmount = 1, GoodsRemark = "r" }, new PromotionGoods()],
                        },
                        new Promotion(),
                    ],
                },
                new CollectionDetail(),
            ],
        },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = "借出", EndTime = ServiceTime.At(Noon), EndTimeRemark = "归还" },
        Location = new Location { StartLocation = "A座", EndLocation = "B座" },
        Attach = "a=1&b=2", NotifyUrl = "https://sp.example.com/n", OpenId = "o1", SubOpenId = "o2", OrderId = "100", Package = "PKG",
    };

    [Fact]
    public void Writing_a_full_order_gives_the_generated_serialiser_s_bytes_under_both_encoders()
    {
        Assert.Equal(WireBytes, JsonSerializer.Serialize(FullOrder(), WxPayScoreJsonContext.Wire.ServiceOrder));
        Assert.Equal(DefaultBytes, JsonSerializer.Serialize(FullOrder(), WxPayScoreJsonContext.Default.ServiceOrder));
    }

    [Fact]
    public void Writing_an_empty_order_and_empty_parts_gives_the_generated_serialiser_s_bytes()
    {
        var order = new ServiceOrder { PostPayments = [], PostDiscounts = [], TimeRange = new TimeRange(), Location = new Location(), Collection = new CollectionInfo { Details = [] } };
        Assert.Equal(EmptyBytes, JsonSerializer.Serialize(order, WxPayScoreJsonContext.Wire.ServiceOrder));
        Assert.Equal("{}", JsonSerializer.Serialize(new ServiceOrder(), WxPayScoreJsonContext.Wire.ServiceOrder));
    }

    [Fact]
    public void Request_bodies_with_the_parts_are_the_generated_serialiser_s_bytes()
    {
        var full = FullOrder();
        var create = new ServiceOrderCreateOptions
        {
            ServiceId = "S1", AppId = "wx1", SubMchId = "456", OutOrderNo = "SP1", ServiceIntroduction = "充电宝",
            PostPayments = full.PostPayments, PostDiscounts = full.PostDiscounts, RiskFund = full.RiskFund!, TimeRange = full.TimeRange!,
            Location = full.Location, NotifyUrl = "https://sp.example.com/n", NeedUserConfirm = true,
        };
        var complete = new ServiceOrderCompleteOptions
        {
            ServiceId = "S1", SubMchId = "456", PostPayments = full.PostPayments!, PostDiscounts = full.PostDiscounts, TotalAmount = 200,
            TimeRange = new TimeRange { EndTime = ServiceTime.Day(new DateOnly(2025, 1, 2)) }, Location = full.Location,
        };

        Assert.Equal(CreateBody, Encoding.UTF8.GetString(WxPayScoreJsonContext.SerializeBody(create, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions)));
        Assert.Equal(CreateBody, JsonSerializer.Serialize(create, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions));
        Assert.Equal(CompleteBody, Encoding.UTF8.GetString(WxPayScoreJsonContext.SerializeBody(complete, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions)));
    }

    [Theory]
    [InlineData("""{"out_order_no":1}""")]
    [InlineData("""{"total_amount":"1"}""")]
    [InlineData("""{"total_amount":1.5}""")]
    [InlineData("""{"total_amount":99999999999999999999}""")]
    [InlineData("""{"need_collection":"true"}""")]
    [InlineData("""{"post_payments":{}}""")]
    [InlineData("""{"post_payments":[1]}""")]
    [InlineData("""{"post_payments":[{"count":2147483648}]}""")]
    [InlineData("""{"risk_fund":{"name":"DEPOSIT"}}""")]
    [InlineData("""{"risk_fund":{"amount":1}}""")]
    [InlineData("""{"risk_fund":"DEPOSIT"}""")]
    [InlineData("""{"time_range":[]}""")]
    [InlineData("""{"time_range":{"start_time":"2025-01-01"}}""")]
    [InlineData("""{"time_range":{"start_time":20250101}}""")]
    [InlineData("""{"location":{"start_location":true}}""")]
    [InlineData("""{"collection":{"details":[{"seq":null}]}}""")]
    [InlineData("""{"collection":{"details":[{"amount":"1"}]}}""")]
    [InlineData("""{"collection":{"details":[{"promotion_detail":[{"goods_detail":[{"quantity":"2"}]}]}]}}""")]
    [InlineData("{\"out_order_no\":\"SP1\"")]
    [InlineData("""[]""")]
    [InlineData("\"SP1\"")]
    public void A_wrong_shape_or_type_is_a_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, WxPayScoreJsonContext.Wire.ServiceOrder));
    }

    [Fact]
    public void Reading_gives_back_every_field_nulls_and_unknown_fields_at_every_level()
    {
        var withExtras = WireBytes.Replace("{", """{"zz":{"a":[1,{"b":null}]},""", StringComparison.Ordinal).Replace("""{"zz":{"a":[1,{"b":null}]},}""", """{"zz":{"a":[1,{"b":null}]}}""", StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize(withExtras, WxPayScoreJsonContext.Wire.ServiceOrder)!;

        Assert.Equal(WireBytes, JsonSerializer.Serialize(read, WxPayScoreJsonContext.Wire.ServiceOrder));
        var nulls = JsonSerializer.Deserialize("""{"out_order_no":null,"post_payments":[null],"risk_fund":{"name":null,"amount":1},"time_range":{"start_time":null},"collection":null}""", WxPayScoreJsonContext.Wire.ServiceOrder)!;
        Assert.Null(nulls.OutOrderNo);
        Assert.Null(Assert.Single(nulls.PostPayments!));
        Assert.Null(nulls.RiskFund!.Name);
        Assert.Null(nulls.TimeRange!.StartTime);
        Assert.Null(nulls.Collection);
        Assert.Null(JsonSerializer.Deserialize("null", WxPayScoreJsonContext.Wire.ServiceOrder));
        var last = JsonSerializer.Deserialize("""{"state":"CREATED","state":"DOING","\u0073tate_description":"USER_CONFIRM"}""", WxPayScoreJsonContext.Wire.ServiceOrder)!;
        Assert.Equal(ServiceOrderPhase.UserConfirmed, last.Status.Phase);
        Assert.Null(JsonSerializer.Deserialize("""{"Out_Order_No":"x","OutOrderNo":"y"}""", WxPayScoreJsonContext.Wire.ServiceOrder)!.OutOrderNo);
    }

    [Fact]
    public async Task Reading_a_stream_in_small_pieces_gives_the_same_order()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(WireBytes));
        var options = new JsonSerializerOptions(WxPayScoreJsonContext.Wire.Options) { DefaultBufferSize = 16 };

        var read = await JsonSerializer.DeserializeAsync<ServiceOrder>(stream, options);

        Assert.Equal(WireBytes, JsonSerializer.Serialize(read, WxPayScoreJsonContext.Wire.ServiceOrder));
    }

    private const string WireBytes =
        """{"out_order_no":"SP1","service_id":"S1","appid":"wx1","mchid":"123","sub_appid":"wx2","sub_mchid":"456","service_introduction":"充电宝 <\"é\">&'","state":"DONE","state_description":"MCH_COMPLETE","post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1},{"name":"b"}],"post_discounts":[{"name":"新用户","description":"d","amount":100,"count":2},{}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"押金"},"total_amount":200,"need_collection":true,"collection":{"state":"USER_PAID","total_amount":200,"paying_amount":0,"paid_amount":200,"details":[{"seq":1,"amount":200,"paid_type":"NEWTON","paid_time":"20250101140105","transaction_id":"42","promotion_detail":[{"coupon_id":"c1","name":"券","scope":"SINGLE","type":"CASH","amount":10,"stock_id":"s1","wechatpay_contribute":1,"merchant_contribute":2,"other_contribute":3,"currency":"CNY","goods_detail":[{"goods_id":"g1","quantity":2,"unit_price":5,"discount_amount":1,"goods_remark":"r"},{}]},{}]},{"seq":0,"amount":0}],"bank_type":"OTHERS"},"time_range":{"start_time":"OnAccept","start_time_remark":"借出","end_time":"20250101120005","end_time_remark":"归还"},"location":{"start_location":"A座","end_location":"B座"},"attach":"a=1&b=2","notify_url":"https://sp.example.com/n","openid":"o1","sub_openid":"o2","order_id":"100","package":"PKG"}""";
    private const string DefaultBytes =
        """{"out_order_no":"SP1","service_id":"S1","appid":"wx1","mchid":"123","sub_appid":"wx2","sub_mchid":"456","service_introduction":"\u5145\u7535\u5B9D \u003C\u0022\u00E9\u0022\u003E\u0026\u0027","state":"DONE","state_description":"MCH_COMPLETE","post_payments":[{"name":"\u79DF\u501F\u8D39\u7528","amount":300,"description":"3\u5143/\u5C0F\u65F6","count":1},{"name":"b"}],"post_discounts":[{"name":"\u65B0\u7528\u6237","description":"d","amount":100,"count":2},{}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"\u62BC\u91D1"},"total_amount":200,"need_collection":true,"collection":{"state":"USER_PAID","total_amount":200,"paying_amount":0,"paid_amount":200,"details":[{"seq":1,"amount":200,"paid_type":"NEWTON","paid_time":"20250101140105","transaction_id":"42","promotion_detail":[{"coupon_id":"c1","name":"\u5238","scope":"SINGLE","type":"CASH","amount":10,"stock_id":"s1","wechatpay_contribute":1,"merchant_contribute":2,"other_contribute":3,"currency":"CNY","goods_detail":[{"goods_id":"g1","quantity":2,"unit_price":5,"discount_amount":1,"goods_remark":"r"},{}]},{}]},{"seq":0,"amount":0}],"bank_type":"OTHERS"},"time_range":{"start_time":"OnAccept","start_time_remark":"\u501F\u51FA","end_time":"20250101120005","end_time_remark":"\u5F52\u8FD8"},"location":{"start_location":"A\u5EA7","end_location":"B\u5EA7"},"attach":"a=1\u0026b=2","notify_url":"https://sp.example.com/n","openid":"o1","sub_openid":"o2","order_id":"100","package":"PKG"}""";
    private const string EmptyBytes =
        """{"post_payments":[],"post_discounts":[],"collection":{"details":[]},"time_range":{},"location":{}}""";
    private const string CreateBody =
        """{"service_id":"S1","appid":"wx1","sub_mchid":"456","out_order_no":"SP1","service_introduction":"充电宝","post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1},{"name":"b"}],"post_discounts":[{"name":"新用户","description":"d","amount":100,"count":2},{}],"risk_fund":{"name":"DEPOSIT","amount":9900,"description":"押金"},"time_range":{"start_time":"OnAccept","start_time_remark":"借出","end_time":"20250101120005","end_time_remark":"归还"},"location":{"start_location":"A座","end_location":"B座"},"notify_url":"https://sp.example.com/n","need_user_confirm":true}""";
    private const string CompleteBody =
        """{"service_id":"S1","sub_mchid":"456","post_payments":[{"name":"租借费用","amount":300,"description":"3元/小时","count":1},{"name":"b"}],"post_discounts":[{"name":"新用户","description":"d","amount":100,"count":2},{}],"total_amount":200,"time_range":{"end_time":"20250102"},"location":{"start_location":"A座","end_location":"B座"}}""";
}
