using WxPayScore.Launch;
using WxPayScore.Sandbox.Tests.Infrastructure;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests;

/// <summary>
/// The confirm page's other buttons (miniprogram-confirm.md §7.2): #reject and #refuse leave the order CREATED with only
/// the exits left; and the optional legacy signed extraData (mch_id, timestamp, nonce_str, sign_type, sign).
/// </summary>
public sealed class ConfirmPageButtonsTests() : SandboxTestBase(o => o.ServiceProviders[0].ApiV2Key = ApiV2Key)
{
    private const string ApiV2Key = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static readonly TimeProvider Time = TimeProvider.System;

    [Fact]
    public async Task Reject_leaves_the_order_CREATED_without_a_callback_and_offers_only_the_exits()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!, returnUrl: "http://127.0.0.1:5080/return");
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"reject\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"refuse\"", page, StringComparison.Ordinal);

        page = await browser.RejectAsync();
        Assert.Contains("<span id=\"state\">CREATED</span>", page, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"rejected\"", page, StringComparison.Ordinal);
        AssertOnlyExits(page);

        // Pressing confirm anyway (a stale form) changes nothing.
        page = await browser.ConfirmAsync();
        Assert.Contains("id=\"message\"", page, StringComparison.Ordinal);
        AssertOnlyExits(page);
        Assert.Equal(ServiceOrderPhase.Created, (await Scenario.GetAsync(Merchant, created.OutOrderNo!)).Status.Phase);
        Assert.Empty(Sandbox.Control.GetNotifications());

        // The in-page return still hands back query_id; the order it names is CREATED.
        var location = await browser.LeaveAsync(inPageReturn: true);
        var order = await Merchant.Orders.GetByQueryIdAsync(ConfirmPageBrowser.Query(location)["query_id"], Requests.Get());
        Assert.Equal(ServiceOrderPhase.Created, order.Status.Phase);
        Assert.Throws<SandboxControlException>(() => Sandbox.Control.Confirm(created.Package!)); // the package is spent
    }

    [Fact]
    public async Task Assessment_refused_on_an_enjoy_first_order_shows_the_refusal_and_leaves_it_CREATED()
    {
        var created = await Merchant.Orders.CreateAsync(Requests.Create(TestMerchant.UnreachableNotifyUrl) with
        {
            ServiceId = TestMerchant.EnjoyFirstServiceId,
            RiskFund = new RiskFund { Name = RiskFundNames.EstimateOrderCost, Amount = 20_000, Description = "预估费用" },
        });
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!, user: "henry", returnUrl: "http://127.0.0.1:5080/app");
        var page = await browser.RefuseAsync();
        Assert.Contains("<p id=\"outcome\" data-outcome=\"refused\">综合评估未通过</p>", page, StringComparison.Ordinal);
        Assert.Contains("<span id=\"state\">CREATED</span>", page, StringComparison.Ordinal);
        AssertOnlyExits(page);

        // Pressing reject after the refusal changes nothing either.
        page = await browser.RejectAsync();
        Assert.Contains("data-outcome=\"refused\"", page, StringComparison.Ordinal);

        var get = new ServiceOrderGetOptions { ServiceId = TestMerchant.EnjoyFirstServiceId, SubMchId = TestKeys.SubMchId };
        var order = await Merchant.Orders.GetAsync(created.OutOrderNo!, get);
        Assert.Equal(ServiceOrderPhase.Created, order.Status.Phase);
        Assert.Null(order.OpenId);
        Assert.Empty(Sandbox.Control.GetNotifications());
        var back = await browser.LeaveAsync(inPageReturn: false);
        Assert.Equal("http://127.0.0.1:5080/app?scene=1038&referrer_appid=wxd8f3793ea3b935b8", back.ToString());
    }

    [Fact]
    public async Task Reject_and_refuse_are_not_offered_once_the_order_is_confirmed()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        await browser.OpenAsync(created.Package!);
        var page = await browser.ConfirmAsync();
        Assert.Contains("<span id=\"state\">DOING/USER_CONFIRM</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"reject\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"refuse\"", page, StringComparison.Ordinal);

        page = await browser.RejectAsync(); // a stale form: refused, the order stays confirmed
        Assert.Contains("id=\"message\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"outcome\"", page, StringComparison.Ordinal);
        Assert.Equal(ServiceOrderPhase.UserConfirmed, (await Scenario.GetAsync(Merchant, created.OutOrderNo!)).Status.Phase);
    }

    [Fact]
    public async Task Legacy_signed_extra_data_with_a_valid_sign_opens_the_page()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        var extraData = PayScoreExtraData.SignedLegacy(TestKeys.MchId, created.Package!, ApiV2Key, Time);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!, extraData: extraData.ToParameters());
        Assert.DoesNotContain("id=\"error\"", page, StringComparison.Ordinal);
        page = await browser.ConfirmAsync();
        Assert.Contains("<span id=\"state\">DOING/USER_CONFIRM</span>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sign")]
    [InlineData("key")]
    [InlineData("mch_id")]
    [InlineData("sign_type")]
    [InlineData("missing")]
    [InlineData("package")]
    public async Task Legacy_signed_extra_data_that_does_not_verify_is_refused_without_spending_the_package(string broken)
    {
        var created = await Scenario.CreatedAsync(Merchant);
        var good = PayScoreExtraData.SignedLegacy(TestKeys.MchId, created.Package!, ApiV2Key, Time);
        var bad = broken switch
        {
            "sign" => good with { Sign = good.Sign![..^4] + (good.Sign.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA") },
            "key" => PayScoreExtraData.SignedLegacy(TestKeys.MchId, created.Package!, new string('0', 32), Time),
            "mch_id" => Resigned(good with { MchId = TestKeys.SubMchId }),
            "sign_type" => Resigned(good with { SignType = "MD5" }),
            "missing" => good with { NonceStr = null },
            _ => Resigned(good with { Package = "another-package" }), // signed over another package than the one opened
        };
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!, extraData: bad.ToParameters());
        Assert.Contains("<p id=\"error\">商户签名校验失败</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", page, StringComparison.Ordinal);

        // Refused before the order was looked at: the package is still good (correctly signed, or package only).
        Assert.False(Sandbox.Control.GetOrder(TestKeys.SubMchId, created.OutOrderNo!).PackageSpent);
        using var retry = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        page = await retry.OpenAsync(created.Package!, extraData: good.ToParameters());
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_only_opens_the_page_even_when_the_SP_has_an_APIv2_key()
    {
        var created = await Scenario.CreatedAsync(Merchant);
        using var browser = new ConfirmPageBrowser(Sandbox.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!);
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_APIv2_key_the_legacy_fields_are_not_checked()
    {
        await using var plain = await TestSandbox.StartAsync();
        await using var client = MerchantClient.For(plain.Host);
        var created = await Scenario.CreatedAsync(client);
        var unverifiable = PayScoreExtraData.SignedLegacy(TestKeys.MchId, created.Package!, new string('0', 32), Time);
        using var browser = new ConfirmPageBrowser(plain.Host.BaseUrl);
        var page = await browser.OpenAsync(created.Package!, extraData: unverifiable.ToParameters());
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
    }

    private static PayScoreExtraData Resigned(PayScoreExtraData data) =>
        data with { Sign = WxPayScore.Security.ApiV2Signature.HmacSha256(data.ToParameters(), ApiV2Key) };

    private static void AssertOnlyExits(string page)
    {
        Assert.DoesNotContain("id=\"confirm\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"reject\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"refuse\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"return\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"back\"", page, StringComparison.Ordinal);
    }
}
