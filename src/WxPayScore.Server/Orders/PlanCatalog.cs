using WxPayScore.Server.Orders.SubMerchants;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>The plans on sale (each sub-merchant's, see <see cref="SubMerchantCatalog"/>) and how a plan becomes a create request.</summary>
public sealed class PlanCatalog
{
    private readonly SubMerchantCatalog subMerchants;

    public PlanCatalog(SubMerchantCatalog subMerchants)
    {
        ArgumentNullException.ThrowIfNull(subMerchants);
        this.subMerchants = subMerchants;

        // Without a sub-merchant named: the plans of those that accept orders without a device (the single-tenant case).
        Plans = subMerchants.All.Where(s => s.AllowsOrdersWithoutDevice).SelectMany(s => s.PlanViews)
            .DistinctBy(p => p.Id, StringComparer.Ordinal).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<PlanView> Plans { get; }

    /// <summary>The plans of one sub-merchant (by key); null when there is no such sub-merchant.</summary>
    public IReadOnlyList<PlanView>? PlansOf(string key) => subMerchants.Find(key)?.PlanViews;

    public static IReadOnlyList<PlanView> Views(IReadOnlyDictionary<string, PlanOptions> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PlanView(p.Key, p.Value.ServiceIntroduction,
                new PlanRiskFundView(p.Value.RiskFund.Name, p.Value.RiskFund.Amount, p.Value.RiskFund.Description),
                p.Value.Fees.Select(f => new PlanFeeView(f.Name, f.Description)).ToArray(),
                p.Value.Location))
            .ToArray();
    }

    /// <summary>
    /// The create body for a plan of a sub-merchant: 需确认 mode, start time OnAccept, fee lines and risk fund from the
    /// plan; <c>sub_appid</c> when the user came from the sub-merchant's own mini program; the device where the order
    /// starts (its location overrides the plan's).
    /// </summary>
    public static ServiceOrderCreateOptions BuildCreate(OrderStart start, string outOrderNo, string notifyUrl)
    {
        ArgumentNullException.ThrowIfNull(start);
        var plan = start.Plan;
        var location = start.Location ?? plan.Location;
        return new ServiceOrderCreateOptions
        {
            ServiceId = start.SubMerchant.ServiceId,
            AppId = start.SubMerchant.AppId,
            SubMchId = start.SubMerchant.SubMchId,
            SubAppId = start.SubAppId,
            OutOrderNo = outOrderNo,
            ServiceIntroduction = plan.ServiceIntroduction,
            PostPayments = plan.Fees.Count == 0
                ? null
                : plan.Fees.Select(f => new PostPayment { Name = f.Name, Description = f.Description, Amount = f.Amount }).ToArray(),
            RiskFund = new RiskFund { Name = plan.RiskFund.Name, Amount = plan.RiskFund.Amount, Description = plan.RiskFund.Description },
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = plan.StartTimeRemark },
            Location = string.IsNullOrEmpty(location) ? null : new Location { StartLocation = location },
            Device = start.DeviceId is null ? null : new Device { StartDeviceId = start.DeviceId },
            Attach = "plan%3D" + Uri.EscapeDataString(start.PlanId),
            NotifyUrl = notifyUrl,
            NeedUserConfirm = true,
        };
    }
}
