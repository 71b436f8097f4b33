using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Http;

/// <summary>What goes on the wire: Authorization, User-Agent, Accept, Wechatpay-Serial, query strings signed as sent, cancellation.</summary>
public sealed class RequestHeadersTests : StubWeChatTestBase
{
    protected override SdkHost CreateSdk(Uri baseUrl) => SdkHost.Create(baseUrl, o => o.UserAgent = "WxPayScore.Tests/1.0");

    [Fact]
    public async Task Every_request_carries_Authorization_User_Agent_Accept_and_Wechatpay_Serial()
    {
        Stub.Responder = _ => StubReply.Json(Samples.CreateResponse);

        await Sdk.Orders.CreateAsync(Samples.Create());

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("WECHATPAY2-SHA256-RSA2048 ", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(TestKeys.MchId, request.AuthorizationField("mchid"));
        Assert.Equal(TestKeys.MerchantSerial, request.AuthorizationField("serial_no"));
        Assert.Matches("^[0-9A-Za-z]{32}$", request.AuthorizationField("nonce_str"));
        Assert.Matches("^[0-9]{10}$", request.AuthorizationField("timestamp")); // seconds, never milliseconds
        Assert.Equal("WxPayScore.Tests/1.0", request.Header("User-Agent"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(TestKeys.PublicKeyId, request.Header("Wechatpay-Serial"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.True(request.SignatureVerifies);
    }

    [Fact]
    public async Task A_query_string_is_signed_exactly_as_sent()
    {
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder);
        const string queryId = "q/1+2=3&x|y*z 中";

        var order = await Sdk.Orders.GetByQueryIdAsync(queryId, Samples.Query);

        Assert.Equal("DOING", order.State);
        var request = Assert.Single(Stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Empty(request.Body);
        Assert.StartsWith($"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&query_id=", request.RawTarget, StringComparison.Ordinal);
        var sentQueryId = request.RawTarget[(request.RawTarget.IndexOf("query_id=", StringComparison.Ordinal) + 9)..];
        Assert.Equal(queryId, Uri.UnescapeDataString(sentQueryId));
        Assert.DoesNotContain(" ", request.RawTarget, StringComparison.Ordinal);
        Assert.True(request.SignatureVerifies, "the signature covers the raw target the server received");
    }

    [Fact]
    public async Task Query_by_out_order_no_sends_exactly_one_order_reference()
    {
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder);

        await Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        var request = Assert.Single(Stub.Requests);
        Assert.Equal($"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}&out_order_no={Samples.OutOrderNo}", request.RawTarget);
        Assert.DoesNotContain("query_id", request.RawTarget, StringComparison.Ordinal);
        Assert.True(request.SignatureVerifies);
    }

    [Fact]
    public async Task Path_parameters_are_percent_encoded_and_signed_as_sent()
    {
        Stub.Responder = _ => StubReply.NoContent();

        await Sdk.Orders.CancelAsync("SP-2025|A*1", new ServiceOrderCancelOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消" });

        var request = Assert.Single(Stub.Requests);
        Assert.Equal("/v3/payscore/partner/serviceorder/SP-2025%7CA%2A1/cancel", request.RawTarget);
        Assert.True(request.SignatureVerifies);
    }

    [Fact]
    public async Task A_cancellation_token_cancels_a_call_in_flight()
    {
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { Delay = TimeSpan.FromSeconds(20) };
        using var cts = new CancellationTokenSource();
        var call = Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query, cts.Token);
        while (Stub.RequestCount == 0)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, Stub.RequestCount); // cancellation is not retried
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sdk.Orders.CreateAsync(Samples.Create(), cts.Token));

        Assert.Equal(0, Stub.RequestCount);
    }
}
