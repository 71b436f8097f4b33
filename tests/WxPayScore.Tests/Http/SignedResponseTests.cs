using System.Net;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Http;

/// <summary>Every 2xx is verified before it is a result: a stub WeChat answers signed, unsigned, forged, stale, probe and unknown-serial replies.</summary>
public sealed class SignedResponseTests : StubWeChatTestBase
{
    [Fact]
    public async Task A_signed_200_is_parsed()
    {
        Stub.Responder = _ => StubReply.Json(Samples.CreateResponse);

        var order = await Sdk.Orders.CreateAsync(Samples.Create());

        Assert.Equal("CREATED", order.State);
        Assert.Equal(ServiceOrderPhase.Created, order.Status.Phase);
        Assert.Equal("AAQTnZoAAAABAAAAAAD8m2b8VRdZ2kVdKmHNZiAAAABc", order.Package);
        Assert.Equal("1000000000202501011200001234567", order.OrderId);
        Assert.Equal(TestKeys.MchId, order.MchId);
        Assert.Equal(1, Stub.RequestCount);
    }

    [Fact]
    public async Task A_signed_204_is_accepted_and_verified_over_an_empty_body()
    {
        Stub.Responder = _ => StubReply.NoContent();

        var result = await Sdk.Orders.CancelAsync(Samples.OutOrderNo, new ServiceOrderCancelOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消" });

        Assert.Null(result);
    }

    [Fact]
    public async Task An_unsigned_204_is_refused()
    {
        Stub.Responder = _ => StubReply.NoContent() with { Signature = StubSignature.None };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() =>
            Sdk.Orders.CancelAsync(Samples.OutOrderNo, new ServiceOrderCancelOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消" }));

        Assert.Equal(ResponseVerificationFailure.MissingHeaders, ex.Failure);
    }

    [Fact]
    public async Task An_unsigned_200_is_a_signature_exception_not_a_result()
    {
        Stub.Responder = _ => StubReply.Json(Samples.CreateResponse) with { Signature = StubSignature.None };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Orders.CreateAsync(Samples.Create()));

        Assert.Equal(ResponseVerificationFailure.MissingHeaders, ex.Failure);
        Assert.Equal("08F78BB5AF0610D302189F99DD5C20BA56F89845-0", ex.RequestId);
        Assert.Equal(1, Stub.RequestCount); // a forged answer is not retried
    }

    [Theory]
    [InlineData(StubSignature.WrongBytes, ResponseVerificationFailure.InvalidSignature)]
    [InlineData(StubSignature.WrongKey, ResponseVerificationFailure.InvalidSignature)]
    [InlineData(StubSignature.Probe, ResponseVerificationFailure.SignatureProbe)]
    public async Task A_mis_signed_200_is_refused(StubSignature signature, ResponseVerificationFailure expected)
    {
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { Signature = signature };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(expected, ex.Failure);
    }

    [Fact]
    public async Task An_unknown_serial_is_refused_in_public_key_mode()
    {
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { Serial = "PUB_KEY_ID_0000000000000000000000000000000001" };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(ResponseVerificationFailure.UnknownSerial, ex.Failure);
    }

    [Theory]
    [InlineData(-301, true)]
    [InlineData(301, true)]
    [InlineData(-299, false)]
    [InlineData(299, false)]
    public async Task The_timestamp_window_is_300_seconds_on_the_injected_clock(int skewSeconds, bool refused)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(8)));
        await using var stubOnFakeClock = await StubWeChat.StartAsync(time);
        await using var client = SdkHost.Create(stubOnFakeClock.BaseUrl, time: time);
        stubOnFakeClock.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { ClockSkew = TimeSpan.FromSeconds(skewSeconds) };

        if (refused)
        {
            var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
            Assert.Equal(ResponseVerificationFailure.StaleTimestamp, ex.Failure);
        }
        else
        {
            Assert.Equal("DOING", (await client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query)).State);
        }

        // The request itself was signed with the injected clock, not the machine's.
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            stubOnFakeClock.Requests.Single().AuthorizationField("timestamp"));
    }

    [Fact]
    public async Task The_window_follows_the_TimestampTolerance_setting()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var stubOnFakeClock = await StubWeChat.StartAsync(time);
        await using var client = SdkHost.Create(stubOnFakeClock.BaseUrl, o => o.TimestampTolerance = TimeSpan.FromSeconds(30), time);
        stubOnFakeClock.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { ClockSkew = TimeSpan.FromSeconds(-60) };

        var ex = await Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(ResponseVerificationFailure.StaleTimestamp, ex.Failure);
    }

    [Fact]
    public async Task A_signed_200_that_is_not_an_order_is_a_typed_error()
    {
        Stub.Responder = _ => StubReply.Json("[1,2,3]");

        var ex = await Assert.ThrowsAsync<WeChatPayException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.IsNotType<WeChatPaySignatureException>(ex);
        Assert.Equal("08F78BB5AF0610D302189F99DD5C20BA56F89845-0", ex.RequestId);
    }

    [Fact]
    public async Task A_response_larger_than_MaxResponseBodyBytes_is_refused()
    {
        await using var client = SdkHost.Create(Stub.BaseUrl, o => o.MaxResponseBodyBytes = 100);
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder);

        await Assert.ThrowsAsync<WeChatPayException>(() => client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
    }

    [Fact]
    public async Task An_error_status_is_not_mistaken_for_a_signature_problem()
    {
        Stub.Responder = _ => StubReply.Error(404, "ORDER_NOT_EXIST", "订单不存在");

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }
}
