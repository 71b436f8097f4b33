using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Json;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Tests.Json;

/// <summary>
/// The SDK against the golden wire JSON written from the spec (tests/Golden/payscore, shared with the sandbox tests):
/// the equivalent options serialise to each request example field by field — names, nesting, values, omitted nulls —
/// and every answer and callback resource survives a read and write through <see cref="ServiceOrder"/> unchanged (a
/// misspelt or missing property would drop its field). The sandbox is checked against the same files, so a field name
/// both sides got wrong the same way cannot pass.
/// </summary>
public sealed class GoldenCorpusTests
{
    private static readonly DateTimeOffset Day = new(2025, 1, 1, 0, 0, 0, ServiceTime.BeijingOffset);

    private static readonly IReadOnlyList<PostPayment> Completed = [new PostPayment { Name = "租借费用", Amount = 400, Description = "4元/小时", Count = 1 }];
    private static readonly IReadOnlyList<PostPayment> Modified = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }];
    private static readonly IReadOnlyList<PostDiscount> Discounts = [new PostDiscount { Name = "新用户优惠", Description = "首单立减1元", Amount = 100, Count = 1 }];

    [Fact]
    public void Create_options_serialise_to_the_create_request_example()
    {
        var options = new ServiceOrderCreateOptions
        {
            ServiceId = "2002000000000558128851361561536",
            AppId = "wxd678efh567hg6787",
            SubMchId = "1900000109",
            SubAppId = "wxd678efh567hg6999",
            OutOrderNo = "SP20250101A0001",
            ServiceIntroduction = "XX充电宝",
            PostPayments = Modified,
            RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = 9900, Description = "充电宝押金" },
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = "借出时间" },
            Location = new Location { StartLocation = "A座大堂" },
            Attach = "biz%3Drent",
            NotifyUrl = "https://sp.example.com/payscore/notify",
            NeedUserConfirm = true,
            Device = new Device { StartDeviceId = "HG123456" },
        };
        AssertSerialisesTo("create.request", JsonSerializer.SerializeToNode(options, WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions));
    }

    [Fact]
    public void Cancel_complete_modify_pay_and_sync_options_serialise_to_their_examples()
    {
        AssertSerialisesTo("cancel.request", JsonSerializer.SerializeToNode(
            new ServiceOrderCancelOptions { ServiceId = "2002000000000558128851361561536", SubMchId = "1900000109", Reason = "用户投诉" },
            WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions));

        AssertSerialisesTo("complete.request", JsonSerializer.SerializeToNode(new ServiceOrderCompleteOptions
        {
            ServiceId = "2002000000000558128851361561536",
            SubMchId = "1900000109",
            PostPayments = Completed,
            PostDiscounts = Discounts,
            TotalAmount = 300,
            TimeRange = new TimeRange { EndTime = ServiceTime.At(Day.AddHours(14)), EndTimeRemark = "归还时间" },
            Location = new Location { StartLocation = "A座大堂", EndLocation = "B座大堂" },
            ProfitSharing = false,
            CompleteTime = Day.AddHours(14).AddSeconds(30),
            GoodsTag = "PAYSCORE_TAG",
            Device = new Device { StartDeviceId = "HG123456", EndDeviceId = "HG654321", MaterielNo = "https://sp.example.com/materiel/HG" },
        }, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions));

        AssertSerialisesTo("modify.request", JsonSerializer.SerializeToNode(new ServiceOrderModifyOptions
        {
            ServiceId = "2002000000000558128851361561536",
            SubMchId = "1900000109",
            PostPayments = Modified,
            PostDiscounts = Discounts,
            TotalAmount = 200,
            Reason = "计费有误",
            Device = new Device { EndDeviceId = "HG654321" },
        }, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions));

        AssertSerialisesTo("pay.request", JsonSerializer.SerializeToNode(
            new ServiceOrderPayOptions { ServiceId = "2002000000000558128851361561536", SubMchId = "1900000109" },
            WxPayScoreJsonContext.Wire.ServiceOrderPayOptions));

        AssertSerialisesTo("sync.request", JsonSerializer.SerializeToNode(new ServiceOrderSyncOptions
        {
            ServiceId = "2002000000000558128851361561536",
            SubMchId = "1900000109",
            Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.At(Day.AddHours(14).AddMinutes(10)) },
        }, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions));
    }

    [Fact]
    public void The_prepared_query_carries_exactly_the_query_example_s_parameters()
    {
        var golden = Golden("query.request").AsObject();
        var prepared = ServiceOrderService.PrepareQuery(golden["out_order_no"]!.GetValue<string>(), new ServiceOrderGetOptions
        {
            ServiceId = golden["service_id"]!.GetValue<string>(),
            SubMchId = golden["sub_mchid"]!.GetValue<string>(),
        });

        Assert.Equal((HttpMethod.Get, 0), (prepared.Method, prepared.Body.Length));
        var (path, query) = (prepared.PathAndQuery.Split('?')[0], prepared.PathAndQuery.Split('?')[1]);
        Assert.Equal("/v3/payscore/partner/serviceorder", path);
        var parameters = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal(golden.Select(f => (f.Key, f.Value!.GetValue<string>())).OrderBy(f => f.Key, StringComparer.Ordinal),
            parameters.Select(p => (p.Key, p.Value)).OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("create.response")]
    [InlineData("query.response")]
    [InlineData("callback.user-confirm.resource")]
    [InlineData("callback.user-paid.resource")]
    public void Answers_and_callback_resources_survive_a_round_trip_through_ServiceOrder(string name)
    {
        var golden = Golden(name);
        var order = JsonSerializer.Deserialize(golden.ToJsonString(), WxPayScoreJsonContext.Wire.ServiceOrder)!;
        AssertSerialisesTo(name, JsonSerializer.SerializeToNode(order, WxPayScoreJsonContext.Wire.ServiceOrder));
    }

    [Fact]
    public void The_callback_envelope_survives_a_round_trip_through_CallbackEnvelope()
    {
        var envelope = JsonSerializer.Deserialize(Golden("callback.envelope").ToJsonString(), WxPayScoreJsonContext.Wire.CallbackEnvelope)!;
        AssertSerialisesTo("callback.envelope", JsonSerializer.SerializeToNode(envelope, WxPayScoreJsonContext.Wire.CallbackEnvelope));
    }

    [Fact]
    public void The_typed_callback_reads_the_values_a_merchant_acts_on()
    {
        var paid = JsonSerializer.Deserialize(Golden("callback.user-paid.resource").ToJsonString(), WxPayScoreJsonContext.Wire.ServiceOrder)!;
        Assert.Equal(ServiceOrderPhase.Done, paid.Status.Phase);
        Assert.Equal(200, paid.TotalAmount);
        var detail = Assert.Single(paid.Collection!.Details!);
        Assert.Equal(("NEWTON", 200L, "4200002025010112345678901234"), (detail.PaidType, detail.Amount, detail.TransactionId));
        Assert.Equal(Day.AddHours(12).AddSeconds(5), paid.TimeRange!.StartTime!.Value.Value);

    }

    /// <summary>tests/Golden/payscore, found from the test's output folder upwards (the corpus is not copied into this project).</summary>
    private static JsonObject Golden(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var linked = Path.Combine(folder.FullName, "Golden", "payscore", name + ".json");
            var source = Path.Combine(folder.FullName, "tests", "Golden", "payscore", name + ".json");
            foreach (var path in new[] { linked, source })
            {
                if (File.Exists(path))
                {
                    return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                }
            }
        }

        throw new FileNotFoundException($"tests/Golden/payscore/{name}.json not found above {AppContext.BaseDirectory}.");
    }

    private static void AssertSerialisesTo(string name, JsonNode? actual)
    {
        var expected = Golden(name);
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"{name}: the SDK writes\n{actual?.ToJsonString()}\nbut the spec's example is\n{expected.ToJsonString()}");
    }
}
