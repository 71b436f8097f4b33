using Microsoft.Extensions.Options;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Orders;

/// <summary>The plans on sale (<c>PayScore:Plans</c>) and how a plan becomes a create request.</summary>
public sealed class PlanCatalog
{
    private readonly PayScoreOptions options;

    public PlanCatalog(IOptions<PayScoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        Plans = this.options.Plans
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PlanView(p.Key, p.Value.ServiceIntroduction,
                new PlanRiskFundView(p.Value.RiskFund.Name, p.Value.RiskFund.Amount, p.Value.RiskFund.Description),
                p.Value.Fees.Select(f => new PlanFeeView(f.Name, f.Description)).ToArray(),
                p.Value.Location))
            .ToArray();
    }

    public IReadOnlyList<PlanView> Plans { get; }

    public bool TryGet(string? planId, out PlanOptions plan)
    {
        plan = null!;
        return planId is not null && options.Plans.TryGetValue(planId, out plan!);
    }

    /// <summary>The create body for a plan: 需确认 mode, start time OnAccept, fee lines and risk fund from the plan.</summary>
    public ServiceOrderCreateOptions BuildCreate(string planId, PlanOptions plan, string outOrderNo, string notifyUrl)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ServiceOrderCreateOptions
        {
            ServiceId = options.ServiceId,
            AppId = options.AppId,
            SubMchId = options.SubMchId,
            SubAppId = string.IsNullOrEmpty(options.SubAppId) ? null : options.SubAppId,
            OutOrderNo = outOrderNo,
            ServiceIntroduction = plan.ServiceIntroduction,
            PostPayments = plan.Fees.Count == 0
                ? null
                : plan.Fees.Select(f => new PostPayment { Name = f.Name, Description = f.Description, Amount = f.Amount }).ToArray(),
            RiskFund = new RiskFund { Name = plan.RiskFund.Name, Amount = plan.RiskFund.Amount, Description = plan.RiskFund.Description },
            TimeRange = new TimeRange { StartTime = ServiceTime.OnAccept, StartTimeRemark = plan.StartTimeRemark },
            Location = string.IsNullOrEmpty(plan.Location) ? null : new Location { StartLocation = plan.Location },
            Attach = "plan%3D" + Uri.EscapeDataString(planId),
            NotifyUrl = notifyUrl,
            NeedUserConfirm = true,
        };
    }
}
