using System.Net;
using WxPayScore.Errors;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// A malformed identifier is <c>400 PARAM_ERROR</c> (spec §3 field table: out_order_no string(32) of its pattern,
/// query_id string(512); apiv3-security §8.3); a well-formed identifier of no order stays <c>404 ORDER_NOT_EXIST</c>.
/// Sent raw and signed, as the SDK would refuse some of these before sending.
/// </summary>
public sealed class QueryIdentifierTests : SandboxTestBase
{
    private static readonly string BasePath = $"/v3/payscore/partner/serviceorder?service_id={TestKeys.ServiceId}&sub_mchid={TestKeys.SubMchId}";

    [Theory]
    [InlineData("out_order_no", "AB%20CD")]
    [InlineData("out_order_no", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33 characters
    [InlineData("out_order_no", "AB%23CD")]
    [InlineData("query_id", null)] // 513 characters
    public async Task A_malformed_identifier_is_PARAM_ERROR(string name, string? value)
    {
        value ??= new string('q', 513);
        var ex = await Requests.FailsWith(() => Merchant.Transport.SendAsync("query", HttpMethod.Get, BasePath + "&" + name + "=" + value, null, default),
            HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal(name, ex.Detail?.Field);
        Assert.Equal("query", ex.Detail?.Location);
    }

    [Theory]
    [InlineData("out_order_no", "NOPE-1_a|b*c")]
    [InlineData("out_order_no", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")] // 32 characters
    [InlineData("query_id", null)] // 512 characters
    public async Task A_well_formed_unknown_identifier_is_ORDER_NOT_EXIST(string name, string? value)
    {
        value ??= new string('q', 512);
        await Requests.FailsWith(() => Merchant.Transport.SendAsync("query", HttpMethod.Get, BasePath + "&" + name + "=" + Uri.EscapeDataString(value), null, default),
            HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
    }

    [Fact]
    public async Task A_malformed_out_order_no_in_an_action_path_is_PARAM_ERROR()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"service_id":"{{TestKeys.ServiceId}}","sub_mchid":"{{TestKeys.SubMchId}}","reason":"用户取消"}""");
        var ex = await Requests.FailsWith(() => Merchant.Transport.SendAsync("cancel", HttpMethod.Post,
            "/v3/payscore/partner/serviceorder/AB%20CD/cancel", body, default), HttpStatusCode.BadRequest, WeChatPayErrorCodes.ParamError);
        Assert.Equal("path", ex.Detail?.Location);
        await Requests.FailsWith(() => Merchant.Transport.SendAsync("cancel", HttpMethod.Post,
            "/v3/payscore/partner/serviceorder/NOPE-2/cancel", body, default), HttpStatusCode.NotFound, WeChatPayErrorCodes.OrderNotExist);
    }
}
