using System.Net;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Security;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>WeChat's request checks: 401 SIGN_ERROR (unsigned), missing headers 400, Request-ID and signatures on answers.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public Task DisposeAsync() => sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task Unknown_mchid_is_SIGN_ERROR()
    {
        await using var merchant = MerchantClient.For(sandbox.Host, o => o.MchId = "1999999999");
        await Requests.FailsWith(() => merchant.Orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl)), HttpStatusCode.Unauthorized, WeChatPayErrorCodes.SignError);
    }

    [Fact]
    public async Task Wrong_certificate_serial_is_SIGN_ERROR()
    {
        await using var merchant = MerchantClient.For(sandbox.Host, o => o.MerchantSerialNumber = "1111111111111111111111111111111111111111");
        await Requests.FailsWith(() => merchant.Orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl)), HttpStatusCode.Unauthorized,
            WeChatPayErrorCodes.SignError, "证书序列号");
    }

    [Fact]
    public async Task A_signature_by_another_key_is_SIGN_ERROR()
    {
        await using var merchant = MerchantClient.For(sandbox.Host, o => o.PrivateKey = PemKeys.ExportPrivateKeyPem(TestKeys.Attacker));
        var ex = await Requests.FailsWith(() => merchant.Orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl)), HttpStatusCode.Unauthorized,
            WeChatPayErrorCodes.SignError, "验签失败");
        Assert.Equal(WeChatPayErrorKind.SignatureRejected, ex.Kind);
        Assert.Empty(sandbox.Control.GetOrders());
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_timestamp_more_than_five_minutes_off_the_wall_clock_is_SIGN_ERROR(int minutes)
    {
        var skewed = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(minutes));
        await using var merchant = MerchantClient.For(sandbox.Host, time: skewed);
        await Requests.FailsWith(() => merchant.Orders.GetAsync("ANY", Requests.Get()), HttpStatusCode.Unauthorized,
            WeChatPayErrorCodes.SignError, "timestamp与发起请求的时间不得超过5分钟");
    }

    [Fact]
    public async Task The_sandbox_checks_signatures_against_its_injected_wall_clock_not_the_business_clock()
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var skewedSandbox = await TestSandbox.StartAsync(wallClock: wall);
        await using var merchant = MerchantClient.For(skewedSandbox.Host);
        await skewedSandbox.Control.AdvanceClockAsync(TimeSpan.FromDays(40)); // business clock only
        await Requests.FailsWith(() => merchant.Orders.GetAsync("ANY", Requests.Get()), HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
        wall.Advance(TimeSpan.FromMinutes(10)); // the sandbox's wall clock
        await Requests.FailsWith(() => merchant.Orders.GetAsync("ANY", Requests.Get()), HttpStatusCode.Unauthorized, WeChatPayErrorCodes.SignError);
    }

    [Fact]
    public async Task Raw_answers_carry_Request_ID_401_is_unsigned_and_others_are_signed()
    {
        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseUrl };

        using var noHeaders = new HttpRequestMessage(HttpMethod.Get, "/v3/payscore/partner/serviceorder?sub_mchid=1&out_order_no=2");
        using var missing = await http.SendAsync(noHeaders);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Http头缺少Accept或User-Agent", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(missing.Headers.Contains("Wechatpay-Signature"));
        Assert.Matches("^[0-9A-F]{40}-[0-9]+$", missing.Headers.GetValues("Request-ID").Single());

        using var unsigned = new HttpRequestMessage(HttpMethod.Get, "/v3/payscore/partner/serviceorder?sub_mchid=1&out_order_no=2");
        unsigned.Headers.TryAddWithoutValidation("Accept", "application/json");
        unsigned.Headers.TryAddWithoutValidation("User-Agent", "test/1.0");
        using var rejected = await http.SendAsync(unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.False(rejected.Headers.Contains("Wechatpay-Signature"));
        Assert.EndsWith("-270924332", rejected.Headers.GetValues("Request-ID").Single(), StringComparison.Ordinal);
        Assert.Contains("\"code\":\"SIGN_ERROR\"", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
