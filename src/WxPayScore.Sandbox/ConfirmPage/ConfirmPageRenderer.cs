using System.Text;
using WxPayScore.Launch;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>
/// The confirm page as the Pay Score mini program shows it: service, risk fund, fee lines, time range and place, with
/// the buttons of miniprogram-confirm.md §7.2 — confirm, reject, assessment refused — the in-page return button and the
/// top-left back arrow. Stable ids for automation: <c>#back</c>, <c>#state</c>, <c>#confirm</c>, <c>#reject</c>,
/// <c>#refuse</c>, <c>#return</c>, <c>#error</c>, <c>#message</c>, <c>#outcome</c>.
/// </summary>
internal static class ConfirmPageRenderer
{
    public const string RefusedText = "订单未获得权益，系统繁忙";

    /// <summary>Pay Score's wording when its risk assessment refuses the user (271300099).</summary>
    public const string AssessmentRefusedText = "综合评估未通过";

    public const string RejectedText = "你已拒绝确认该订单";

    public static string Render(string actionBase, PageSession session, ServiceOrder? order)
    {
        var body = new StringBuilder();
        body.Append("<header><form method=\"post\" action=\"").Append(Html.E(actionBase)).Append("/back\">")
            .Append("<button id=\"back\" type=\"submit\" title=\"返回\" aria-label=\"返回\">&#x2039;</button></form><h1>微信支付分</h1></header><main>");
        body.Append("<p class=\"sandbox\">WxPayScore 沙箱 · 模拟 ").Append(LaunchParameters.PayScoreAppId).Append(" / ")
            .Append(LaunchParameters.ConfirmPagePath).Append(" · 模拟用户 <span id=\"user\">").Append(Html.E(session.User)).Append("</span></p>");

        if (session.Error is not null || order is null)
        {
            body.Append("<section><p id=\"error\">").Append(Html.E(session.Refusal)).Append("</p><p class=\"sandbox\">")
                .Append(Html.E(session.Error)).Append("</p></section></main>");
            return Html.Page("微信支付分", body.ToString());
        }

        var status = order.Status;
        body.Append("<section><h2 id=\"service\">").Append(Html.E(order.ServiceIntroduction)).Append("</h2>")
            .Append("<p>订单状态：<span id=\"state\">").Append(Html.E(status.ToString())).Append("</span></p>");
        if (session.Message is { } message)
        {
            body.Append("<p id=\"message\">").Append(Html.E(message)).Append("</p>");
        }

        switch (session.Outcome)
        {
            case PageOutcome.Rejected:
                body.Append("<p id=\"outcome\" data-outcome=\"rejected\">").Append(RejectedText)
                    .Append("</p><p class=\"sandbox\">订单仍为 CREATED，商户未收到回调；请返回商户。</p>");
                break;
            case PageOutcome.Refused:
                body.Append("<p id=\"outcome\" data-outcome=\"refused\">").Append(AssessmentRefusedText)
                    .Append("</p><p class=\"sandbox\">暂时无法使用该服务。订单仍为 CREATED，商户未收到回调；请返回商户。</p>");
                break;
        }

        body.Append("</section><section><table>");
        if (order.RiskFund is { } risk)
        {
            body.Append("<tr><th>").Append(Html.E(Html.RiskFundName(risk.Name))).Append("</th><td id=\"risk_fund\" class=\"amount\">")
                .Append(Html.Yuan(risk.Amount)).Append("</td><td>").Append(Html.E(risk.Description)).Append("</td></tr>");
        }

        body.Append("<tr><th>服务时间</th><td colspan=\"2\" id=\"time_range\">").Append(Html.E(Html.Time(order.TimeRange?.StartTime)))
            .Append(Remark(order.TimeRange?.StartTimeRemark)).Append(" 至 ").Append(Html.E(Html.Time(order.TimeRange?.EndTime)))
            .Append(Remark(order.TimeRange?.EndTimeRemark)).Append("</td></tr>");
        if (order.Location is { } location)
        {
            body.Append("<tr><th>服务地点</th><td colspan=\"2\">").Append(Html.E(location.StartLocation))
                .Append(location.EndLocation is null ? string.Empty : " → " + Html.E(location.EndLocation)).Append("</td></tr>");
        }

        body.Append("</table></section><section><table id=\"fees\"><tr><th>收费项目</th><th>计费规则</th><th>金额</th></tr>");
        foreach (var payment in order.PostPayments ?? [])
        {
            body.Append("<tr class=\"fee\"><td>").Append(Html.E(payment.Name)).Append(payment.Count is > 1 ? " ×" + payment.Count : string.Empty)
                .Append("</td><td>").Append(Html.E(payment.Description)).Append("</td><td>")
                .Append(payment.Amount is null ? "—" : Html.Yuan(payment.Amount)).Append("</td></tr>");
        }

        foreach (var discount in order.PostDiscounts ?? [])
        {
            body.Append("<tr class=\"discount\"><td>").Append(Html.E(discount.Name)).Append("</td><td>").Append(Html.E(discount.Description))
                .Append("</td><td>").Append(discount.Amount is null ? "—" : "-" + Html.Yuan(discount.Amount)).Append("</td></tr>");
        }

        if (order.TotalAmount is { } total)
        {
            body.Append("<tr><th colspan=\"2\">订单金额</th><td id=\"total_amount\">").Append(Html.Yuan(total)).Append("</td></tr>");
        }

        body.Append("</table></section><section>");
        var canConfirm = status.Phase == ServiceOrderPhase.Created;
        if (session.Outcome is null)
        {
            // After a rejection or a refused assessment the page offers only the exits (#return, #back).
            body.Append("<form method=\"post\" action=\"").Append(Html.E(actionBase)).Append("/confirm\"><button id=\"confirm\" class=\"primary\" type=\"submit\"")
                .Append(canConfirm ? string.Empty : " disabled").Append('>').Append(canConfirm ? "确认订单" : "已确认").Append("</button></form>");
            if (canConfirm)
            {
                body.Append("<form method=\"post\" action=\"").Append(Html.E(actionBase)).Append("/reject\"><button id=\"reject\" class=\"secondary\" type=\"submit\">拒绝</button></form>");
                body.Append("<form method=\"post\" action=\"").Append(Html.E(actionBase)).Append("/refuse\"><button id=\"refuse\" class=\"secondary\" type=\"submit\"")
                    .Append(" title=\"沙箱：模拟支付分综合评估未通过\">模拟评估未通过</button></form>");
            }
        }

        body.Append("<form method=\"post\" action=\"").Append(Html.E(actionBase)).Append("/return\"><button id=\"return\" class=\"secondary\" type=\"submit\">返回商户</button></form>");
        body.Append("</section></main>");
        return Html.Page("微信支付分", body.ToString());
    }

    /// <summary>Shown when the page is left without a return_url to go to.</summary>
    public static string Left(string? queryId)
    {
        var body = new StringBuilder("<main><section><h2>已离开支付分页面</h2>");
        body.Append("<p>scene=1038, referrer_appid=").Append(LaunchParameters.PayScoreAppId).Append("</p>");
        body.Append(queryId is null
            ? "<p>左上角返回：商户未获得 query_id。</p>"
            : "<p>query_id：<code id=\"query_id\">" + Html.E(queryId) + "</code></p>");
        body.Append("</section></main>");
        return Html.Page("微信支付分", body.ToString());
    }

    private static string Remark(string? remark) => remark is null ? string.Empty : "（" + Html.E(remark) + "）";
}
