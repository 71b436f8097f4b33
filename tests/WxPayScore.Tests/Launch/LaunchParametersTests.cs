using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WxPayScore.Launch;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.Launch;

/// <summary>Front-end parameters built from a create result, and the return leg (which proves nothing).</summary>
public sealed class LaunchParametersTests
{
    private const string Package = "AAQTnZoAAAABAAAAAAD8m2b8VRdZ2kVdKmHNZiAAAABc";

    [Fact]
    public void Every_entry_point_carries_the_package_unchanged()
    {
        var launch = LaunchParameters.FromOrder(new ServiceOrder { Package = Package });

        Assert.Equal("wxpayScoreUse", launch.OpenBusinessView.BusinessType);
        Assert.Equal(Package, launch.OpenBusinessView.ExtraData.Package);
        Assert.Equal("wxd8f3793ea3b935b8", launch.NavigateToMiniProgram.AppId);
        Assert.Equal("pages/use/use", launch.NavigateToMiniProgram.Path);
        Assert.Equal("package=" + Package, launch.App.Query);
        Assert.Equal("{\"miniProgramType\":0}", launch.App.ExtInfo);
        Assert.Equal("package=" + Package, launch.JsApi.QueryString);
        Assert.Equal("wxpayScoreUse", launch.JsApi.BusinessType);
    }

    [Fact]
    public void The_mini_program_form_serialises_as_the_seed_page_expects()
    {
        var launch = LaunchParameters.FromOrder(new ServiceOrder { Package = Package });

        var json = JsonSerializer.Serialize(launch.OpenBusinessView);

        Assert.Equal($"{{\"businessType\":\"wxpayScoreUse\",\"extraData\":{{\"package\":\"{Package}\"}}}}", json);
    }

    [Fact]
    public void Query_strings_are_url_encoded_after_signing()
    {
        var extra = PayScoreExtraData.SignedLegacy(TestKeys.MchId, "a+b/c=", TestKeys.ApiV2Key, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1735689600)));

        var launch = LaunchParameters.From(extra);

        Assert.StartsWith($"mch_id={TestKeys.MchId}&package=a%2Bb%2Fc%3D&timestamp=1735689600&nonce_str=", launch.App.Query, StringComparison.Ordinal);
        Assert.EndsWith("&sign_type=HMAC-SHA256&sign=" + extra.Sign, launch.JsApi.QueryString, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(launch.OpenBusinessView.ExtraData));
        Assert.Equal(extra.Sign, json.RootElement.GetProperty("sign").GetString());
        Assert.Equal("a+b/c=", json.RootElement.GetProperty("package").GetString()); // raw in extraData, encoded only in query strings
        Assert.Equal(6, json.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void An_order_without_a_package_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LaunchParameters.FromOrder(new ServiceOrder { State = "DOING" }));
    }

    [Theory]
    [InlineData(1038, "wxd8f3793ea3b935b8", "q-1", true, "q-1")]
    [InlineData(1038, "wxd8f3793ea3b935b8", null, true, null)] // back arrow: no data
    [InlineData(1001, "wxd8f3793ea3b935b8", "q-1", false, null)]
    [InlineData(1038, "wx0000000000000000", "q-1", false, null)]
    public void The_return_leg_is_read_but_proves_nothing(int scene, string appId, string? queryId, bool fromPayScore, string? expected)
    {
        var extra = queryId is null ? null : new Dictionary<string, string?> { ["query_id"] = queryId };

        var back = ConfirmPageReturn.Read(scene, appId, extra);

        Assert.Equal(fromPayScore, back.IsFromPayScore);
        Assert.Equal(expected, back.QueryId);
    }
}
