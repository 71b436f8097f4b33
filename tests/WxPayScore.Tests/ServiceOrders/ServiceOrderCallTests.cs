using System.Text.Json;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>Every partner service-order call reaches the right path with the right body, and accepts 200-with-body and 204.</summary>
public sealed class ServiceOrderCallTests : StubWeChatTestBase
{
    [Fact]
    public async Task Create_posts_the_serialised_options()
    {
        Stub.Responder = _ => StubReply.Json(Samples.CreateResponse);

        var order = await Sdk.Orders.CreateAsync(Samples.Create());

        var request = Assert.Single(Stub.Requests);
        Assert.Equal(("POST", "/v3/payscore/partner/serviceorder"), (request.Method, request.RawTarget));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("SP20250101A0001", body.RootElement.GetProperty("out_order_no").GetString());
        Assert.Equal(9900, body.RootElement.GetProperty("risk_fund").GetProperty("amount").GetInt64());
        Assert.Equal("OnAccept", body.RootElement.GetProperty("time_range").GetProperty("start_time").GetString());
        Assert.Contains("XX充电宝", request.BodyText, StringComparison.Ordinal); // UTF-8, not \u escapes
        Assert.NotNull(order.Package);
    }

    public static TheoryData<string, bool> Actions() => new()
    {
        { "cancel", false }, { "cancel", true },
        { "complete", false }, { "complete", true },
        { "modify", false }, { "modify", true },
        { "pay", false }, { "pay", true },
        { "sync", false }, { "sync", true },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_action_posts_to_its_path_and_accepts_204_or_200_with_a_body(string action, bool legacy200)
    {
        Stub.Responder = _ => legacy200 ? StubReply.Json(Samples.ConfirmedOrder) : StubReply.NoContent();
        var get = Samples.Query;
        var payments = new[] { new PostPayment { Name = "租借费用", Amount = 300 } };

        var result = action switch
        {
            "cancel" => await Sdk.Orders.CancelAsync(Samples.OutOrderNo, new ServiceOrderCancelOptions { ServiceId = get.ServiceId, SubMchId = get.SubMchId, Reason = "用户取消" }),
            "complete" => await Sdk.Orders.CompleteAsync(Samples.OutOrderNo, new ServiceOrderCompleteOptions
            {
                ServiceId = get.ServiceId, SubMchId = get.SubMchId, PostPayments = payments, TotalAmount = 300,
                TimeRange = new TimeRange { EndTime = ServiceTime.Parse("20250101140000") }, CompleteTime = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(8)),
            }),
            "modify" => await Sdk.Orders.ModifyAsync(Samples.OutOrderNo, new ServiceOrderModifyOptions { ServiceId = get.ServiceId, SubMchId = get.SubMchId, PostPayments = payments, TotalAmount = 300, Reason = "协商" }),
            "pay" => await Sdk.Orders.PayAsync(Samples.OutOrderNo, new ServiceOrderPayOptions { ServiceId = get.ServiceId, SubMchId = get.SubMchId }),
            _ => await Sdk.Orders.SyncAsync(Samples.OutOrderNo, new ServiceOrderSyncOptions
            {
                ServiceId = get.ServiceId, SubMchId = get.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.Parse("20250101140105") },
            }),
        };

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/payscore/partner/serviceorder/{Samples.OutOrderNo}/{action}", request.RawTarget);
        Assert.True(request.SignatureVerifies);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(TestKeys.ServiceId, body.RootElement.GetProperty("service_id").GetString());
        Assert.Equal(TestKeys.SubMchId, body.RootElement.GetProperty("sub_mchid").GetString());
        if (legacy200)
        {
            Assert.Equal(Samples.OutOrderNo, result!.OutOrderNo);
        }
        else
        {
            Assert.Null(result);
        }
    }

    [Fact]
    public async Task Complete_and_sync_bodies_use_the_wire_formats()
    {
        Stub.Responder = _ => StubReply.NoContent();

        await Sdk.Orders.CompleteAsync(Samples.OutOrderNo, new ServiceOrderCompleteOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId,
            PostPayments = [new PostPayment { Name = "租借费用", Amount = 300 }], PostDiscounts = [new PostDiscount { Name = "新人", Description = "减1元", Amount = 100 }],
            TotalAmount = 200, ProfitSharing = true, CompleteTime = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(8)),
        });
        await Sdk.Orders.SyncAsync(Samples.OutOrderNo, new ServiceOrderSyncOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.Parse("20250101") },
        });

        using var complete = JsonDocument.Parse(Stub.Requests[0].Body);
        Assert.Equal(200, complete.RootElement.GetProperty("total_amount").GetInt64());
        Assert.True(complete.RootElement.GetProperty("profit_sharing").GetBoolean());
        Assert.Equal("2025-01-01T14:00:00+08:00", complete.RootElement.GetProperty("complete_time").GetString());
        using var sync = JsonDocument.Parse(Stub.Requests[1].Body);
        Assert.Equal("Order_Paid", sync.RootElement.GetProperty("type").GetString());
        Assert.Equal("20250101", sync.RootElement.GetProperty("detail").GetProperty("paid_time").GetString());
    }

    [Fact]
    public async Task Query_reads_collection_and_details()
    {
        Stub.Responder = _ => StubReply.Json(Samples.PaidOrder);

        var order = await Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        Assert.Equal(300, order.TotalAmount);
        Assert.True(order.NeedCollection);
        Assert.Equal("USER_PAID", order.Collection!.State);
        Assert.Equal("NEWTON", order.Collection.Details![0].PaidType);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", order.SubOpenId);
        Assert.Equal(ServiceTime.Parse("20250101140000"), order.TimeRange!.EndTime);
    }

    [Fact]
    public async Task A_204_where_an_order_is_expected_is_an_error()
    {
        Stub.Responder = _ => StubReply.NoContent();

        await Assert.ThrowsAsync<WxPayScore.Errors.WeChatPayException>(() =>
            Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
    }
}
