using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>
/// <c>GET /sandbox/pages/use/use?package=…&amp;user=…&amp;return_url=…</c> opens the page (spending the package) and redirects
/// to the page session; its forms POST confirm / reject / refuse / return / back and redirect (POST-redirect-GET), so plain HTML works.
/// </summary>
internal static class ConfirmPageEndpoints
{
    public const string Path = "/sandbox/pages/use/use";

    public static async Task OpenAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        var sessions = context.RequestServices.GetRequiredService<PageSessions>();
        var query = context.Request.Query;
        var user = query["user"].ToString() is { Length: > 0 } u ? u : SandboxUsers.DefaultUser;
        var returnUrl = query["return_url"].ToString() is { Length: > 0 } r ? r : null;
        var allowed = context.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value.AllowedReturnOrigins;
        if (returnUrl is not null && ReturnUrls.Refusal(returnUrl, allowed) is { } refusal)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteHtmlAsync(context, Html.Page("微信支付分", "<main><section><h2>无法打开支付分页面</h2><p id=\"error\">" + Html.E(refusal) + "</p></section></main>"))
                .ConfigureAwait(false);
            return;
        }

        var package = query["package"].ToString();
        if (LegacyExtraData.From(query) is { } legacy && runtime.Orders.FindByPackage(package) is { } signedFor &&
            context.RequestServices.GetRequiredService<MerchantRegistry>().FindMerchant(signedFor.MchId)?.ApiV2Key is { } apiV2Key &&
            legacy.Verify(package, signedFor.MchId, apiV2Key) is { } failure)
        {
            // Refused before the order is looked at: the package is not spent.
            var refused = sessions.Add(id => new PageSession(id, null, user, returnUrl, failure) { Refusal = LegacyExtraData.RefusedText });
            context.Response.Redirect(SessionPath(context, refused.Id));
            return;
        }

        var opening = runtime.Orders.OpenPackage(package, out var record);
        var session = sessions.Add(id => new PageSession(id, opening == PackageOpening.Opened ? record : null, user, returnUrl,
            opening == PackageOpening.Opened ? null : "package " + SandboxControl.Describe(opening)));
        context.Response.Redirect(SessionPath(context, session.Id));
    }

    public static async Task ShowAsync(HttpContext context)
    {
        var session = Session(context);
        if (session is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteHtmlAsync(context, Html.Page("微信支付分", "<main><section><p id=\"error\">" + ConfirmPageRenderer.RefusedText + "</p></section></main>")).ConfigureAwait(false);
            return;
        }

        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        var order = session.Order is { } record ? OrderViews.Snapshot(runtime.Orders, record) : null;
        await WriteHtmlAsync(context, ConfirmPageRenderer.Render(SessionPath(context, session.Id), session, order)).ConfigureAwait(false);
    }

    public static Task ConfirmAsync(HttpContext context)
    {
        var session = Session(context);
        if (session?.Order is not { } record)
        {
            return ShowAsync(context);
        }

        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        lock (session)
        {
            if (session.Outcome is not null)
            {
                session.Message = "此页面已结束，不能再确认订单 (the page ended with " + session.Outcome + "; only the exits are left).";
            }
            else
            {
                try
                {
                    runtime.Orders.Confirm(record, session.User);
                    session.Message = null;
                }
                catch (SandboxControlException ex)
                {
                    session.Message = ex.Message;
                }
            }
        }

        context.Response.Redirect(SessionPath(context, session.Id));
        return Task.CompletedTask;
    }

    /// <summary><c>#reject</c>: the user declines. The order stays CREATED (spec §9 T4), no callback; the page keeps only the exits.</summary>
    public static Task RejectAsync(HttpContext context) => EndAsync(context, PageOutcome.Rejected);

    /// <summary><c>#refuse</c>: Pay Score's assessment refuses the user (综合评估未通过). The order stays CREATED, no callback.</summary>
    public static Task RefuseAsync(HttpContext context) => EndAsync(context, PageOutcome.Refused);

    private static Task EndAsync(HttpContext context, PageOutcome outcome)
    {
        var session = Session(context);
        if (session?.Order is not { } record)
        {
            return ShowAsync(context);
        }

        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        lock (session)
        {
            var phase = OrderViews.Snapshot(runtime.Orders, record).Status.Phase;
            if (session.Outcome is not null)
            {
                session.Message = null;
            }
            else if (phase != ServiceOrderPhase.Created)
            {
                session.Message = $"订单当前状态为 {OrderViews.Info(runtime.Orders, record).Status}，不能{(outcome == PageOutcome.Rejected ? "拒绝" : "评估")}。";
            }
            else
            {
                session.Outcome = outcome;
                session.Message = null;
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfirmPageEndpoints))
                    .LogInformation("Confirm page of order {Order}: {Outcome} for simulated user {User}; the order stays CREATED",
                        record.Key, outcome, session.User);
            }
        }

        context.Response.Redirect(SessionPath(context, session.Id));
        return Task.CompletedTask;
    }

    public static Task ReturnAsync(HttpContext context) => LeaveAsync(context, withQueryId: true);

    public static Task BackAsync(HttpContext context) => LeaveAsync(context, withQueryId: false);

    private static async Task LeaveAsync(HttpContext context, bool withQueryId)
    {
        var session = Session(context);
        if (session is null)
        {
            await ShowAsync(context).ConfigureAwait(false);
            return;
        }

        // Only the in-page return button hands query_id back; the top-left arrow returns no data (spec §11.7).
        var queryId = withQueryId ? session.Order?.QueryId : null;
        if (session.ReturnUrl is { } url)
        {
            context.Response.Redirect(ReturnUrls.Build(url, queryId));
            return;
        }

        await WriteHtmlAsync(context, ConfirmPageRenderer.Left(queryId)).ConfigureAwait(false);
    }

    private static PageSession? Session(HttpContext context)
    {
        context.RequestServices.GetRequiredService<SandboxRuntime>().EnsureStarted();
        return context.RequestServices.GetRequiredService<PageSessions>().Find(context.Request.RouteValues["session"] as string);
    }

    private static string SessionPath(HttpContext context, string id) => context.Request.PathBase + Path + "/s/" + id;

    private static Task WriteHtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
