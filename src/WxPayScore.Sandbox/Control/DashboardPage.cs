using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox.ConfirmPage;
using WxPayScore.Sandbox.Hosting;

namespace WxPayScore.Sandbox.Control;

/// <summary><c>GET /sandbox</c>: orders with their state, and every callback with its delivery history.</summary>
internal static class DashboardPage
{
    public static Task RenderAsync(HttpContext context)
    {
        var control = context.RequestServices.GetRequiredService<SandboxControl>();
        var keys = context.RequestServices.GetRequiredService<SandboxRuntime>().Keys;
        var clock = control.GetClock();
        var orders = control.GetOrders();
        var notifications = control.GetNotifications();
        var pathBase = context.Request.PathBase.ToString();
        var body = new StringBuilder("<header><h1>WxPayScore 沙箱</h1></header><main style=\"max-width:1200px\">");
        body.Append("<section><p>业务时钟 <b id=\"clock\">").Append(Html.At(clock.Now)).Append("</b>（领先真实时间 ")
            .Append(clock.OffsetSeconds).Append(" 秒）</p><p>微信支付公钥ID <code>").Append(Html.E(keys.PublicKeyId))
            .Append("</code> · 公钥 <a href=\"").Append(Html.E(pathBase)).Append("/sandbox/wechatpay_public_key.pem\">PEM</a> <code>")
            .Append(Html.E(keys.PublicKeyPath)).Append("</code> · 平台证书序列号 <code>").Append(Html.E(keys.CertificateSerial)).Append("</code></p></section>");

        body.Append("<section><h2>订单</h2><table id=\"orders\"><tr><th>sub_mchid / out_order_no</th><th>状态</th><th>金额</th><th>用户</th><th>创建</th><th>确认页</th></tr>");
        foreach (var order in orders.Reverse())
        {
            body.Append("<tr><td><code>").Append(Html.E(order.SubMchId)).Append(" / ").Append(Html.E(order.OutOrderNo)).Append("</code><br><span class=\"sandbox\">")
                .Append(Html.E(order.Order.ServiceIntroduction)).Append("</span></td><td>").Append(Html.E(order.Status)).Append("</td><td>")
                .Append(Html.Yuan(order.Order.TotalAmount ?? order.Order.RiskFund?.Amount)).Append("</td><td>").Append(Html.E(order.ConfirmedBy))
                .Append("</td><td>").Append(Html.At(order.CreatedAt)).Append("</td><td>");
            if (order is { ConfirmPage: { } page, PackageSpent: false } && order.Status == "CREATED")
            {
                body.Append("<a href=\"").Append(Html.E(pathBase + page)).Append("\">打开</a>");
            }
            else
            {
                body.Append(order.PackageSpent ? "已使用" : "—");
            }

            body.Append("</td></tr>");
        }

        body.Append("</table></section><section><h2>退款</h2><table id=\"refunds\"><tr><th>sub_mchid / out_refund_no</th><th>订单 / transaction_id</th><th>状态</th><th>退款 / 原交易</th><th>退至</th><th>申请</th></tr>");
        foreach (var r in control.GetRefunds().Reverse())
        {
            body.Append("<tr><td><code>").Append(Html.E(r.SubMchId)).Append(" / ").Append(Html.E(r.OutRefundNo)).Append("</code><br><span class=\"sandbox\">")
                .Append(Html.E(r.RefundId)).Append("</span></td><td><code>").Append(Html.E(r.OutOrderNo)).Append("</code><br><span class=\"sandbox\">")
                .Append(Html.E(r.TransactionId)).Append("</span></td><td>").Append(Html.E(r.Status));
            if ((r.DueAt ?? r.CloseAt) is { } next)
            {
                body.Append("<br><span class=\"sandbox\">").Append(r.DueAt is null ? "关闭于 " : "完成于 ").Append(Html.At(next)).Append("</span>");
            }

            body.Append("</td><td>").Append(Html.Yuan(r.Refund)).Append(" / ").Append(Html.Yuan(r.Total)).Append("</td><td>")
                .Append(Html.E(r.UserReceivedAccount)).Append("<br><span class=\"sandbox\">").Append(Html.E(r.Channel)).Append("</span></td><td>")
                .Append(Html.At(r.CreatedAt)).Append("</td></tr>");
        }

        body.Append("</table></section><section><h2>回调</h2><table id=\"notifications\"><tr><th>事件</th><th>订单</th><th>状态</th><th>投递记录</th></tr>");
        foreach (var n in notifications.Reverse())
        {
            body.Append("<tr><td>").Append(Html.E(n.EventType)).Append("<br><code>").Append(Html.E(n.Id)).Append("</code></td><td><code>")
                .Append(Html.E(n.SubMchId)).Append(" / ").Append(Html.E(n.OutOrderNo)).Append("</code><br><span class=\"sandbox\">").Append(Html.E(n.Url))
                .Append("</span></td><td>").Append(Html.E(n.State));
            if (n.NextAttemptAt is { } next)
            {
                body.Append("<br><span class=\"sandbox\">下次 ").Append(Html.At(next)).Append("</span>");
            }

            body.Append("</td><td>");
            foreach (var a in n.Attempts)
            {
                body.Append('#').Append(a.Attempt).Append(' ').Append(Html.E(a.Kind)).Append(' ').Append(Html.At(a.Time)).Append(" → ")
                    .Append(a.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—").Append(' ')
                    .Append(Html.E(a.Error)).Append("<br>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</table></section></main>");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(Html.Page("WxPayScore 沙箱", body.ToString()), context.RequestAborted);
    }
}
