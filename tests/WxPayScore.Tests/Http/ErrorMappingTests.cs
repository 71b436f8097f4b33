using System.Net;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Http;

/// <summary>WeChat's error bodies become a <see cref="WeChatPayApiException"/> whose Kind says what happened.</summary>
public sealed class ErrorMappingTests : StubWeChatTestBase
{
    private static readonly ServiceOrderCompleteOptions Complete = new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        PostPayments = [new PostPayment { Name = "租借费用", Amount = 300 }],
        TotalAmount = 300,
        TimeRange = new TimeRange { EndTime = ServiceTime.Parse("20250101140000") },
    };

    [Theory]
    [InlineData(404, "ORDER_NOT_EXIST", "订单不存在", WeChatPayErrorKind.NotFound, false)]
    [InlineData(400, "INVALID_ORDER_STATE", "订单状态不正确", WeChatPayErrorKind.InvalidOrderState, true)]
    [InlineData(400, "ORDER_DONE", "订单已完成", WeChatPayErrorKind.OrderDone, true)]
    [InlineData(400, "ORDER_CANCELED", "订单已取消", WeChatPayErrorKind.OrderCanceled, true)]
    [InlineData(401, "SIGN_ERROR", "签名错误", WeChatPayErrorKind.SignatureRejected, false)]
    [InlineData(403, "NO_AUTH", "请检查sub_mchid是否授权mchid微信支付分产品权限", WeChatPayErrorKind.NoPermission, false)]
    [InlineData(400, "INVALID_REQUEST", "订单重入参数校验失败", WeChatPayErrorKind.InvalidRequest, false)]
    [InlineData(418, "SOMETHING_NEW", "新错误", WeChatPayErrorKind.Unknown, false)]
    public async Task Error_codes_map_to_kinds(int status, string code, string message, WeChatPayErrorKind kind, bool stateError)
    {
        Stub.Responder = _ => StubReply.Error(status, code, message);

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CompleteAsync(Samples.OutOrderNo, Complete));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.ErrorMessage);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(stateError, ex.IsStateError);
        Assert.False(ex.IsTransient);
        Assert.Equal($"08F78BB5AF0610D302189F99DD5C20BA56F89845-{status}", ex.RequestId);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PARAM_ERROR_carries_its_detail()
    {
        Stub.Responder = _ => StubReply.Error(400, "PARAM_ERROR", "参数错误",
            """{"field":"/total_amount","value":"301","issue":"最终总金额计算非法","location":"body"}""");

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CompleteAsync(Samples.OutOrderNo, Complete));

        Assert.Equal(WeChatPayErrorKind.InvalidParameter, ex.Kind);
        Assert.NotNull(ex.Detail);
        Assert.Equal("/total_amount", ex.Detail.Field);
        Assert.Equal("301", ex.Detail.Value);
        Assert.Equal("最终总金额计算非法", ex.Detail.Issue);
        Assert.Equal("body", ex.Detail.Location);
        Assert.Contains("/total_amount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_that_persists_is_RateLimited()
    {
        Stub.Responder = _ => StubReply.Error(429, "FREQUENCY_LIMITED", "请求过于频繁");

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CompleteAsync(Samples.OutOrderNo, Complete));

        Assert.Equal(WeChatPayErrorKind.RateLimited, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, Stub.RequestCount);
    }

    [Fact]
    public async Task An_error_without_a_JSON_body_still_maps_by_status()
    {
        Stub.Responder = _ => new StubReply { Status = 404, Body = "<html>not found</html>"u8.ToArray(), Signature = StubSignature.None };

        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(() => Sdk.Orders.CompleteAsync(Samples.OutOrderNo, Complete));

        Assert.Equal(WeChatPayErrorKind.NotFound, ex.Kind);
        Assert.Null(ex.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, null, WeChatPayErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", WeChatPayErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, "RATELIMIT_EXCEEDED", WeChatPayErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, null, WeChatPayErrorKind.SystemError)]
    [InlineData(HttpStatusCode.Unauthorized, null, WeChatPayErrorKind.SignatureRejected)]
    [InlineData(HttpStatusCode.Forbidden, null, WeChatPayErrorKind.NoPermission)]
    [InlineData(HttpStatusCode.BadRequest, null, WeChatPayErrorKind.Unknown)]
    public void Classify_falls_back_on_the_status(HttpStatusCode status, string? code, WeChatPayErrorKind kind)
    {
        Assert.Equal(kind, WeChatPayApiException.Classify(status, code));
    }
}
