using System.Text;
using System.Text.Json;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>
/// Every service-order call has one prepare step: its <see cref="PreparedCall"/> is what is sent, byte for byte, by
/// <see cref="ServiceOrderService.SendAsync"/> and by the typed method alike, and resending it sends the same bytes.
/// </summary>
public sealed class PreparedCallTests : StubWeChatTestBase
{
    private const string Base = "/v3/payscore/partner/serviceorder";
    private static readonly PostPayment[] Fee = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }];

    private static readonly ServiceOrderCancelOptions Cancel = new() { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消 <&>\"" };

    private static readonly ServiceOrderCompleteOptions Complete = new()
    {
        ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, PostPayments = Fee,
        PostDiscounts = [new PostDiscount { Name = "新人", Description = "减1元", Amount = 100, Count = 1 }], TotalAmount = 200,
        TimeRange = new TimeRange { EndTime = ServiceTime.Parse("20250101140000"), EndTimeRemark = "归还时间" },
        Location = new Location { StartLocation = "A座", EndLocation = "B座" }, ProfitSharing = false,
        CompleteTime = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(8)), GoodsTag = "tag", Device = new Device { EndDeviceId = "HG2" },
    };

    private static readonly ServiceOrderModifyOptions Modify = new()
    {
        ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, PostPayments = Fee, TotalAmount = 300, Reason = "协商一致",
    };

    private static readonly ServiceOrderPayOptions Pay = new() { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId };

    private static readonly ServiceOrderSyncOptions Sync = new()
    {
        ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.Parse("20250101140105") },
    };

    /// <summary>The eight calls: name, how to prepare it, how the typed method sends it.</summary>
    private static readonly Dictionary<string, (Func<PreparedCall> Prepare, Func<ServiceOrderService, Task> Typed)> Calls = new()
    {
        ["create"] = (() => ServiceOrderService.PrepareCreate(Samples.Create()), s => s.CreateAsync(Samples.Create())),
        ["query"] = (() => ServiceOrderService.PrepareQuery(Samples.OutOrderNo, Samples.Query), s => s.GetAsync(Samples.OutOrderNo, Samples.Query)),
        ["query_id"] = (() => ServiceOrderService.PrepareQueryByQueryId("15646546545165651651|a b/c", Samples.Query), s => s.GetByQueryIdAsync("15646546545165651651|a b/c", Samples.Query)),
        ["cancel"] = (() => ServiceOrderService.PrepareCancel(Samples.OutOrderNo, Cancel), s => s.CancelAsync(Samples.OutOrderNo, Cancel)),
        ["complete"] = (() => ServiceOrderService.PrepareComplete(Samples.OutOrderNo, Complete), s => s.CompleteAsync(Samples.OutOrderNo, Complete)),
        ["modify"] = (() => ServiceOrderService.PrepareModify(Samples.OutOrderNo, Modify), s => s.ModifyAsync(Samples.OutOrderNo, Modify)),
        ["pay"] = (() => ServiceOrderService.PreparePay(Samples.OutOrderNo, Pay), s => s.PayAsync(Samples.OutOrderNo, Pay)),
        ["sync"] = (() => ServiceOrderService.PrepareSync(Samples.OutOrderNo, Sync), s => s.SyncAsync(Samples.OutOrderNo, Sync)),
    };

    public static TheoryData<string> Names() => [.. Calls.Keys];

    public static TheoryData<string, ServiceOrderOperation, string, string> Targets() => new()
    {
        { "create", ServiceOrderOperation.Create, "POST", Base },
        { "query", ServiceOrderOperation.Query, "GET", $"{Base}?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&out_order_no={Samples.OutOrderNo}" },
        { "query_id", ServiceOrderOperation.QueryByQueryId, "GET", $"{Base}?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&query_id=15646546545165651651%7Ca%20b%2Fc" },
        { "cancel", ServiceOrderOperation.Cancel, "POST", $"{Base}/{Samples.OutOrderNo}/cancel" },
        { "complete", ServiceOrderOperation.Complete, "POST", $"{Base}/{Samples.OutOrderNo}/complete" },
        { "modify", ServiceOrderOperation.Modify, "POST", $"{Base}/{Samples.OutOrderNo}/modify" },
        { "pay", ServiceOrderOperation.Pay, "POST", $"{Base}/{Samples.OutOrderNo}/pay" },
        { "sync", ServiceOrderOperation.Sync, "POST", $"{Base}/{Samples.OutOrderNo}/sync" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Each_prepare_step_names_its_operation_method_and_exact_target(string name, ServiceOrderOperation operation, string method, string target)
    {
        var call = Calls[name].Prepare();

        Assert.Equal(operation, call.Operation);
        Assert.Equal(method, call.Method.Method);
        Assert.Equal(target, call.PathAndQuery);
        Assert.Equal(name == "query_id" ? null : Samples.OutOrderNo, call.OutOrderNo);
        Assert.Equal($"{method} {target}", call.ToString());
        Assert.Equal(method == "GET", call.Body.Length == 0);
    }

    [Fact]
    public void Each_prepared_body_is_the_serialisers_bytes_of_the_options()
    {
        // The bodies are written through the source generator's fast path; they must equal the general serialiser's,
        // including text that the relaxed encoder leaves unescaped and text it must escape.
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Samples.Create(), WxPayScoreJsonContext.Wire.ServiceOrderCreateOptions), ServiceOrderService.PrepareCreate(Samples.Create()).Body);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Cancel, WxPayScoreJsonContext.Wire.ServiceOrderCancelOptions), Calls["cancel"].Prepare().Body);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Complete, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions), Calls["complete"].Prepare().Body);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Modify, WxPayScoreJsonContext.Wire.ServiceOrderModifyOptions), Calls["modify"].Prepare().Body);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Pay, WxPayScoreJsonContext.Wire.ServiceOrderPayOptions), Calls["pay"].Prepare().Body);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Sync, WxPayScoreJsonContext.Wire.ServiceOrderSyncOptions), Calls["sync"].Prepare().Body);
        var cancelText = Encoding.UTF8.GetString(Calls["cancel"].Prepare().Body);
        Assert.Contains("用户取消", cancelText, StringComparison.Ordinal);
        Assert.Contains("\\\"", cancelText, StringComparison.Ordinal); // a quote inside a value stays escaped
        Assert.Contains("\"complete_time\":\"2025-01-01T14:00:00+08:00\"", Encoding.UTF8.GetString(Calls["complete"].Prepare().Body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_larger_than_the_writers_first_buffer_is_serialised_whole()
    {
        var options = Complete with
        {
            PostPayments = [.. Enumerable.Range(0, 100).Select(i => new PostPayment { Name = $"费用{i}", Amount = 3, Description = new string('长', 30), Count = 1 })],
            TotalAmount = 300,
            PostDiscounts = null,
        };

        var body = ServiceOrderService.PrepareComplete(Samples.OutOrderNo, options).Body;

        Assert.True(body.Length > 8 * 1024, $"only {body.Length} bytes");
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(options, WxPayScoreJsonContext.Wire.ServiceOrderCompleteOptions), body);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Sending_a_prepared_call_sends_its_bytes_and_target_and_resending_sends_them_again(string name)
    {
        Stub.Responder = r => r.Method == "GET" || r.RawTarget == Base ? StubReply.Json(Samples.CreateResponse) : StubReply.NoContent();
        var call = Calls[name].Prepare();

        await Sdk.Orders.SendAsync(call);
        await Sdk.Orders.SendAsync(call);

        Assert.Equal(2, Stub.Requests.Count);
        Assert.All(Stub.Requests, r =>
        {
            Assert.Equal(call.Method.Method, r.Method);
            Assert.Equal(call.PathAndQuery, r.RawTarget);
            Assert.Equal(call.Body, r.Body);
            Assert.True(r.SignatureVerifies, "signed over exactly these bytes");
        });
        Assert.NotEqual(Stub.Requests[0].AuthorizationField("nonce_str"), Stub.Requests[1].AuthorizationField("nonce_str"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_typed_method_sends_exactly_what_its_prepare_step_makes(string name)
    {
        Stub.Responder = r => r.Method == "GET" || r.RawTarget == Base ? StubReply.Json(Samples.CreateResponse) : StubReply.NoContent();
        var (prepare, typed) = Calls[name];

        await typed(Sdk.Orders);

        var request = Assert.Single(Stub.Requests);
        var call = prepare();
        Assert.Equal((call.Method.Method, call.PathAndQuery), (request.Method, request.RawTarget));
        Assert.Equal(call.Body, request.Body);
    }

    [Fact]
    public async Task A_prepare_step_refuses_a_bad_request_before_anything_is_sent()
    {
        var ex = Assert.Throws<WeChatPayValidationException>(() => ServiceOrderService.PrepareCancel("AB%20CD", Cancel));
        Assert.Equal("out_order_no", ex.Field);
        Assert.Throws<WeChatPayValidationException>(() => ServiceOrderService.PrepareQueryByQueryId(new string('q', 513), Samples.Query));
        Assert.Throws<InvalidServiceOrderStateException>(() => ServiceOrderService.PreparePay(Samples.OutOrderNo, Pay with { CurrentOrder = Samples.Order("CREATED") }));
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.CreateAsync(Samples.Create() with { ServiceIntroduction = new string('长', 21) }));

        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task A_create_or_query_answered_204_is_an_error_an_action_answered_204_is_null()
    {
        Stub.Responder = _ => StubReply.NoContent();

        var create = await Assert.ThrowsAsync<WeChatPayException>(() => Sdk.Orders.SendAsync(ServiceOrderService.PrepareCreate(Samples.Create())));
        Assert.Contains("without a body", create.Message, StringComparison.Ordinal);
        Assert.Null(await Sdk.Orders.SendAsync(Calls["pay"].Prepare()));
    }
}
