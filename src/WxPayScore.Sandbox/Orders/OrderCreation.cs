using System.Globalization;
using System.Text;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Orders;

/// <summary>The birth of an order (spec §2): the service's rules, the time range against the clock, and the first snapshot.</summary>
internal static class OrderCreation
{
    /// <summary>A new order from a decoded create request (§2): CREATED with a package, or DOING/USER_CONFIRM in 免确认 mode.</summary>
    public static OrderRecord Create(string mchId, RegisteredService service, CreateRequest request, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(request);
        var beijing = now.ToOffset(ServiceTime.BeijingOffset);
        var risk = WireMapping.RiskFund(request.RiskFund!);
        var range = WireTimes.Range(request.TimeRange!);
        CheckCreateRules(service, request, risk, range, beijing);
        var confirmNeeded = request.NeedUserConfirm != false;
        if (!confirmNeeded && range.StartTime is { IsOnAccept: true })
        {
            range = range with { StartTime = ServiceTime.At(beijing) };
        }

        return new OrderRecord
        {
            MchId = mchId,
            SubMchId = request.SubMchId!,
            OutOrderNo = request.OutOrderNo!,
            ServiceId = request.ServiceId!,
            CreateBody = Encoding.UTF8.GetString(body.Span),
            Package = confirmNeeded ? Identifiers.Package() : null,
            PackageIssuedAt = confirmNeeded ? now : null,
            QueryId = Identifiers.QueryId(),
            CreatedAt = now,
            UpdatedAt = now,
            Order = new ServiceOrder
            {
                OutOrderNo = request.OutOrderNo,
                ServiceId = request.ServiceId,
                AppId = request.AppId,
                MchId = mchId,
                SubAppId = request.SubAppId,
                SubMchId = request.SubMchId,
                ServiceIntroduction = request.ServiceIntroduction,
                State = confirmNeeded ? ServiceOrderStatus.Created : ServiceOrderStatus.Doing,
                StateDescription = confirmNeeded ? null : ServiceOrderStatus.UserConfirm,
                PostPayments = WireMapping.Payments(request.PostPayments),
                PostDiscounts = WireMapping.Discounts(request.PostDiscounts),
                RiskFund = risk,
                TimeRange = range,
                Location = WireMapping.Location(request.Location),
                Attach = request.Attach,
                NotifyUrl = request.NotifyUrl,
                OpenId = confirmNeeded ? null : request.OpenId,
                SubOpenId = confirmNeeded ? null : request.SubOpenId,
                OrderId = Identifiers.OrderId(beijing),
            },
        };
    }

    private static void CheckCreateRules(RegisteredService service, CreateRequest request, RiskFund risk, TimeRange range, DateTimeOffset beijingNow)
    {
        if (!MerchantRegistry.AllowedRiskFundNames(service.Mode).Contains(risk.Name))
        {
            throw WeChatErrors.ParamMessage(
                $"risk_fund.name与服务的模式不符：{(service.Mode == ServiceMode.EnjoyFirst ? "先享模式仅支持 ESTIMATE_ORDER_COST" : "先免模式仅支持 DEPOSIT、ADVANCE、CASH_DEPOSIT")}",
                "/risk_fund/name", risk.Name);
        }

        if (risk.Amount > service.RiskCap)
        {
            throw WeChatErrors.ParamMessage($"风险金额超过服务风险金额上限（{service.RiskCap}分）", "/risk_fund/amount",
                risk.Amount.ToString(CultureInfo.InvariantCulture), 271316656);
        }

        if (request.PostDiscounts is not { Count: > 0 } && request.PostPayments is { Count: > 0 } payments)
        {
            var sum = payments.Sum(p => p?.Amount ?? 0);
            if (sum > service.RiskCap)
            {
                throw WeChatErrors.ParamMessage($"后付费项目总金额超过服务风险金额上限（{service.RiskCap}分）", "/post_payments",
                    sum.ToString(CultureInfo.InvariantCulture), 271316656);
            }
        }

        TimeRules.CheckCreate(range, beijingNow);
    }
}
