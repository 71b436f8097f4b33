using System.Net;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>Request builders and assertions shared by the tests.</summary>
public static class Requests
{
    public static string NewOutOrderNo() => "T" + Guid.NewGuid().ToString("N")[..24];

    public static ServiceOrderCreateOptions Create(string notifyUrl, string? outOrderNo = null, long riskAmount = 9_900, string subMchId = TestKeys.SubMchId) => new()
    {
        ServiceId = TestKeys.ServiceId,
        AppId = TestKeys.AppId,
        SubMchId = subMchId,
        OutOrderNo = outOrderNo ?? NewOutOrderNo(),
        ServiceIntroduction = "XX充电宝",
        PostPayments = [new PostPayment { Name = "租借费用", Amount = 300, Description = "3元/小时", Count = 1 }],
        RiskFund = new RiskFund { Name = RiskFundNames.Deposit, Amount = riskAmount, Description = "充电宝押金" },
        TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = "借出时间" },
        Location = new Location { StartLocation = "A座大堂" },
        Attach = "biz%3Drent",
        NotifyUrl = notifyUrl,
        NeedUserConfirm = true,
    };

    public static ServiceOrderGetOptions Get(string subMchId = TestKeys.SubMchId) => new() { ServiceId = TestKeys.ServiceId, SubMchId = subMchId };

    public static ServiceOrderCompleteOptions Complete(SandboxControl control, long amount = 300, long discount = 0) => new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        PostPayments = [new PostPayment { Name = "租借费用", Amount = amount, Description = "3元/小时", Count = 1 }],
        PostDiscounts = discount > 0 ? [new PostDiscount { Name = "新用户优惠", Description = "首单立减", Amount = discount }] : null,
        TotalAmount = amount - discount,
        TimeRange = new TimeRange { EndTime = ServiceTime.At(control.Clock.UtcNow), EndTimeRemark = "归还时间" },
    };

    public static ServiceOrderCancelOptions Cancel(string reason = "用户取消") =>
        new() { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId, Reason = reason };

    public static ServiceOrderModifyOptions Modify(long amount, string reason = "费用调整") => new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        PostPayments = [new PostPayment { Name = "租借费用", Amount = amount, Description = "3元/小时", Count = 1 }],
        TotalAmount = amount,
        Reason = reason,
    };

    public static ServiceOrderPayOptions Pay() => new() { ServiceId = TestKeys.ServiceId, SubMchId = TestKeys.SubMchId };

    public static ServiceOrderSyncOptions Sync(SandboxControl control) => new()
    {
        ServiceId = TestKeys.ServiceId,
        SubMchId = TestKeys.SubMchId,
        Detail = new ServiceOrderSyncDetail { PaidTime = ServiceTime.At(control.Clock.UtcNow) },
    };

    public static async Task<WeChatPayApiException> FailsWith(Func<Task> call, HttpStatusCode status, string code, string? message = null)
    {
        var ex = await Assert.ThrowsAsync<WeChatPayApiException>(call);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        if (message is not null)
        {
            Assert.Contains(message, ex.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        return ex;
    }
}
