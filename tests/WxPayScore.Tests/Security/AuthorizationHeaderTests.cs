using WxPayScore.Security;

namespace WxPayScore.Tests.Security;

/// <summary>Parsing <c>Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…</c>: pair order is free, the five pairs are required.</summary>
public sealed class AuthorizationHeaderTests
{
    [Fact]
    public void Pairs_may_come_in_any_order_with_spaces()
    {
        const string header = "WECHATPAY2-SHA256-RSA2048 serial_no=\"ABC\", timestamp=\"1735689600\",signature=\"c2ln\",nonce_str=\"N\",mchid=\"1230000109\"";

        Assert.True(AuthorizationHeader.TryParse(header, out var parsed));
        Assert.Equal(new AuthorizationHeader("1230000109", "N", "c2ln", "1735689600", "ABC"), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer x")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"N\",signature=\"s\",timestamp=\"1\"")] // serial_no missing
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"N\",signature=\"s\",timestamp=\"1\",serial_no=\"A\",extra=\"x\"")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",mchid=\"2\",nonce_str=\"N\",signature=\"s\",timestamp=\"1\",serial_no=\"A\"")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=1,nonce_str=\"N\",signature=\"s\",timestamp=\"1\",serial_no=\"A\"")] // unquoted
    [InlineData("wechatpay2-sha256-rsa2048 mchid=\"1\",nonce_str=\"N\",signature=\"s\",timestamp=\"1\",serial_no=\"A\"")]
    public void Malformed_headers_are_refused(string? header)
    {
        Assert.False(AuthorizationHeader.TryParse(header, out var parsed));
        Assert.Null(parsed);
    }
}
