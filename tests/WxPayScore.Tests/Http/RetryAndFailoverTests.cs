using System.Net;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Http;

/// <summary>Retries (429, 5xx, connection failures), fail-over to the backup host, and what every attempt carries.</summary>
public sealed class RetryAndFailoverTests : StubWeChatTestBase
{
    [Fact]
    public async Task A_429_then_200_is_retried_and_succeeds()
    {
        Stub.Responder = r => r.Index == 0 ? StubReply.Error(429, "FREQUENCY_LIMITED", "请求过于频繁") : StubReply.Json(Samples.CreateResponse);

        var order = await Sdk.Orders.CreateAsync(Samples.Create());

        Assert.Equal("CREATED", order.State);
        Assert.Equal(2, Stub.RequestCount);
    }

    [Fact]
    public async Task A_500_then_200_create_resends_byte_identical_json_with_a_fresh_signature_each_time()
    {
        Stub.Responder = r => r.Index < 2 ? StubReply.Error(500, "SYSTEM_ERROR", "系统错误") : StubReply.Json(Samples.CreateResponse);
        var prepared = ServiceOrderService.PrepareCreate(Samples.Create());

        var order = await Sdk.Orders.SendAsync(prepared);

        Assert.Equal("CREATED", order?.State);
        var attempts = Stub.Requests;
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(prepared.Body, a.Body));
        Assert.All(attempts, a => Assert.True(a.SignatureVerifies, "each attempt's signature verifies over the bytes received"));
        Assert.All(attempts, a => Assert.Equal("/v3/payscore/partner/serviceorder", a.RawTarget));
        Assert.Equal(3, attempts.Select(a => a.AuthorizationField("nonce_str")).Distinct().Count());
        Assert.Equal(3, attempts.Select(a => a.AuthorizationField("signature")).Distinct().Count());
    }

    [Fact]
    public async Task Each_attempt_is_signed_at_its_own_time()
    {
        var clock = new ShiftedTimeProvider();
        await using var stubOnFakeClock = await StubWeChat.StartAsync(clock);
        await using var client = SdkHost.Create(stubOnFakeClock.BaseUrl, time: clock);
        stubOnFakeClock.Responder = r =>
        {
            if (r.Index == 0)
            {
                clock.Shift(TimeSpan.FromSeconds(7)); // time passes before the retry
                return StubReply.Error(503, "SERVICE_UNAVAILABLE", "服务不可用");
            }

            return StubReply.Json(Samples.ConfirmedOrder);
        };

        await client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query);

        var timestamps = stubOnFakeClock.Requests.Select(r => long.Parse(r.AuthorizationField("timestamp"), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(timestamps[1] - timestamps[0], 7, 9);
    }

    [Fact]
    public async Task A_500_forever_ends_in_a_SystemError_with_the_Request_ID_after_MaxRetries()
    {
        Stub.Responder = _ => StubReply.Error(500, "SYSTEM_ERROR", "系统错误");

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CreateAsync(Samples.Create()));

        Assert.Equal(WeChatPayErrorKind.SystemError, ex.Kind);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("SYSTEM_ERROR", ex.Code);
        Assert.Equal("08F78BB5AF0610D302189F99DD5C20BA56F89845-500", ex.RequestId);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, Stub.RequestCount); // 1 + MaxRetries (3)
    }

    [Fact]
    public async Task MaxRetries_zero_sends_once()
    {
        await using var client = SdkHost.Create(Stub.BaseUrl, o => o.MaxRetries = 0);
        Stub.Responder = _ => StubReply.Error(500, "SYSTEM_ERROR", "系统错误");

        await Assert.ThrowsAsync<WeChatPayApiException>(() => client.Orders.CreateAsync(Samples.Create()));

        Assert.Equal(1, Stub.RequestCount);
    }

    [Theory]
    [InlineData(400, "PARAM_ERROR")]
    [InlineData(401, "SIGN_ERROR")]
    [InlineData(404, "ORDER_NOT_EXIST")]
    public async Task A_4xx_is_not_retried(int status, string code)
    {
        Stub.Responder = _ => StubReply.Error(status, code, "x");

        await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CreateAsync(Samples.Create()));

        Assert.Equal(1, Stub.RequestCount);
    }

    [Fact]
    public async Task Connection_refused_on_the_primary_fails_over_to_the_backup_host()
    {
        await using var backup = await StubWeChat.StartAsync();
        backup.Responder = _ => StubReply.Json(Samples.CreateResponse);
        await using var client = SdkHost.Create(ClosedPort.Url(), o => o.BackupBaseUrl = backup.BaseUrl.ToString());
        var prepared = ServiceOrderService.PrepareCreate(Samples.Create());

        var order = await client.Orders.SendAsync(prepared);

        Assert.Equal("CREATED", order?.State);
        var request = Assert.Single(backup.Requests);
        Assert.Equal("/v3/payscore/partner/serviceorder", request.RawTarget);
        Assert.Equal(prepared.Body, request.Body);
        Assert.True(request.SignatureVerifies, "the attempt on the backup host is signed over its own path and body");
    }

    [Fact]
    public async Task A_5xx_does_not_fail_over_the_backup_is_only_for_connection_failures()
    {
        await using var backup = await StubWeChat.StartAsync();
        await using var client = SdkHost.Create(Stub.BaseUrl, o => o.BackupBaseUrl = backup.BaseUrl.ToString());
        Stub.Responder = r => r.Index == 0 ? StubReply.Error(500, "SYSTEM_ERROR", "系统错误") : StubReply.Json(Samples.CreateResponse);

        await client.Orders.CreateAsync(Samples.Create());

        Assert.Equal(2, Stub.RequestCount);
        Assert.Equal(0, backup.RequestCount);
    }

    [Fact]
    public async Task Connection_refused_on_both_hosts_is_a_connection_exception()
    {
        await using var client = SdkHost.Create(ClosedPort.Url(), o => o.BackupBaseUrl = ClosedPort.Url().ToString());

        var ex = await Assert.ThrowsAsync<WeChatPayConnectionException>(() => client.Orders.CreateAsync(Samples.Create()));

        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Connection_refused_without_a_backup_is_a_connection_exception()
    {
        await using var client = SdkHost.Create(ClosedPort.Url());

        await Assert.ThrowsAsync<WeChatPayConnectionException>(() => client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));
    }

    [Fact]
    public async Task An_attempt_timeout_is_retried_and_ends_in_a_connection_exception()
    {
        await using var client = SdkHost.Create(Stub.BaseUrl, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(750);
            o.MaxRetries = 1;
        });
        Stub.Responder = _ => StubReply.Json(Samples.ConfirmedOrder) with { Delay = TimeSpan.FromSeconds(30) };

        await Assert.ThrowsAsync<WeChatPayConnectionException>(() => client.Orders.GetAsync(Samples.OutOrderNo, Samples.Query));

        Assert.Equal(2, Stub.RequestCount);
    }
}
