using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Tests.ServiceOrders;

/// <summary>
/// With <c>CurrentOrder</c> set, an illegal complete/cancel/modify/pay/sync is refused locally, before anything is sent:
/// the stub WeChat must receive nothing.
/// </summary>
public sealed class ServiceOrderStateGuardTests : StubWeChatTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Stub.Responder = _ => StubReply.NoContent();
    }

    public static TheoryData<string, string?, string?> NotConfirmed() => new()
    {
        { ServiceOrderStatus.Created, null, null },
        { ServiceOrderStatus.Doing, ServiceOrderStatus.MchComplete, ServiceOrderStatus.UserPaying },
        { ServiceOrderStatus.Done, null, ServiceOrderStatus.UserPaid },
        { ServiceOrderStatus.Revoked, null, null },
        { ServiceOrderStatus.Expired, null, null },
    };

    [Theory]
    [MemberData(nameof(NotConfirmed))]
    public async Task Complete_is_refused_unless_the_user_confirmed(string state, string? description, string? collection)
    {
        var current = Samples.Order(state, description, collection);
        var options = new ServiceOrderCompleteOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId,
            PostPayments = [new PostPayment { Name = "租借费用", Amount = 300 }], TotalAmount = 300,
            TimeRange = new TimeRange { EndTime = ServiceTime.Parse("20250101140000") }, CurrentOrder = current,
        };

        var ex = await Assert.ThrowsAsync<InvalidServiceOrderStateException>(() => Sdk.Orders.CompleteAsync(Samples.OutOrderNo, options));

        Assert.Equal("complete", ex.Operation);
        Assert.Equal(current.Status, ex.Status);
        Assert.Contains("DOING/USER_CONFIRM", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Stub.RequestCount);
    }

    [Theory]
    [InlineData(ServiceOrderStatus.Done, null, ServiceOrderStatus.UserPaid)]
    [InlineData(ServiceOrderStatus.Revoked, null, null)]
    [InlineData(ServiceOrderStatus.Expired, null, null)]
    public async Task Cancel_is_refused_in_a_terminal_state(string state, string? description, string? collection)
    {
        var options = new ServiceOrderCancelOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消", CurrentOrder = Samples.Order(state, description, collection),
        };

        var ex = await Assert.ThrowsAsync<InvalidServiceOrderStateException>(() => Sdk.Orders.CancelAsync(Samples.OutOrderNo, options));

        Assert.Equal("cancel", ex.Operation);
        Assert.Equal(0, Stub.RequestCount);
    }

    [Theory]
    [InlineData(ServiceOrderStatus.Created, null, null)]
    [InlineData(ServiceOrderStatus.Doing, ServiceOrderStatus.UserConfirm, null)]
    [InlineData(ServiceOrderStatus.Doing, ServiceOrderStatus.MchComplete, ServiceOrderStatus.UserPaying)]
    public async Task Cancel_is_sent_from_the_states_that_allow_it(string state, string? description, string? collection)
    {
        var options = new ServiceOrderCancelOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = "用户取消", CurrentOrder = Samples.Order(state, description, collection),
        };

        await Sdk.Orders.CancelAsync(Samples.OutOrderNo, options);

        var request = Assert.Single(Stub.Requests);
        Assert.DoesNotContain("current_order", request.BodyText, StringComparison.Ordinal); // the snapshot is never sent
    }

    [Theory]
    [InlineData(ServiceOrderStatus.Created, null, null)]
    [InlineData(ServiceOrderStatus.Doing, ServiceOrderStatus.UserConfirm, null)]
    [InlineData(ServiceOrderStatus.Done, null, ServiceOrderStatus.UserPaid)]
    [InlineData(ServiceOrderStatus.Revoked, null, null)]
    public async Task Modify_pay_and_sync_are_refused_unless_awaiting_payment(string state, string? description, string? collection)
    {
        var current = Samples.Order(state, description, collection, total: 500);
        var modify = new ServiceOrderModifyOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, PostPayments = [new PostPayment { Name = "租借费用", Amount = 100 }],
            TotalAmount = 100, Reason = "协商降价", CurrentOrder = current,
        };
        var pay = new ServiceOrderPayOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, CurrentOrder = current };
        var sync = new ServiceOrderSyncOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.Parse("20250101") }, CurrentOrder = current,
        };

        Assert.Equal("modify", (await Assert.ThrowsAsync<InvalidServiceOrderStateException>(() => Sdk.Orders.ModifyAsync(Samples.OutOrderNo, modify))).Operation);
        Assert.Equal("pay", (await Assert.ThrowsAsync<InvalidServiceOrderStateException>(() => Sdk.Orders.PayAsync(Samples.OutOrderNo, pay))).Operation);
        Assert.Equal("sync", (await Assert.ThrowsAsync<InvalidServiceOrderStateException>(() => Sdk.Orders.SyncAsync(Samples.OutOrderNo, sync))).Operation);
        Assert.Equal(0, Stub.RequestCount);
    }

    [Fact]
    public async Task Modify_raising_the_amount_is_refused_before_sending()
    {
        var current = Samples.Order(ServiceOrderStatus.Doing, ServiceOrderStatus.MchComplete, ServiceOrderStatus.UserPaying, total: 500);
        var modify = new ServiceOrderModifyOptions
        {
            ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, PostPayments = [new PostPayment { Name = "租借费用", Amount = 800 }],
            TotalAmount = 800, Reason = "涨价", CurrentOrder = current,
        };

        var ex = await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.ModifyAsync(Samples.OutOrderNo, modify));

        Assert.Equal("total_amount", ex.Field);
        Assert.Equal(0, Stub.RequestCount);
    }

    [Fact]
    public async Task Invalid_fields_are_refused_before_sending()
    {
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.CreateAsync(Samples.Create() with { OutOrderNo = "bad no" }));
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.GetAsync("bad no", Samples.Query));
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.GetByQueryIdAsync("", Samples.Query));
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.GetByQueryIdAsync(new string('q', 513), Samples.Query));
        await Assert.ThrowsAsync<WeChatPayValidationException>(() => Sdk.Orders.PayAsync("bad no", new ServiceOrderPayOptions { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId }));

        Assert.Equal(0, Stub.RequestCount);
    }
}
