using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox.Api;
using WxPayScore.Sandbox.ConfirmPage;
using WxPayScore.Sandbox.Control;
using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.MiniProgram;

namespace WxPayScore.Sandbox;

/// <summary>Maps the sandbox's endpoints: the WeChat side (<c>/v3/…</c>, <c>/sns/…</c>), the confirm page and the control API (<c>/sandbox/…</c>).</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    public const string ServiceOrderPath = "/v3/payscore/partner/serviceorder";

    public const string RefundPath = "/v3/refund/domestic/refunds";

    public static IEndpointRouteBuilder MapWxPayScoreSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // WeChat Pay APIv3
        endpoints.MapPost(ServiceOrderPath, Api(static (api, c) => api.CreateAsync(c)));
        endpoints.MapGet(ServiceOrderPath, Api(static (api, c) => api.QueryAsync(c)));
        endpoints.MapPost(ServiceOrderPath + "/{out_order_no}/{action}", Api(static (api, c) => api.ActionAsync(c)));
        endpoints.MapPost(RefundPath, Api(static (api, c) => api.RefundCreateAsync(c)));
        endpoints.MapGet(RefundPath + "/{out_refund_no}", Api(static (api, c) => api.RefundQueryAsync(c)));
        endpoints.MapPost(RefundPath + "/{refund_id}/apply-abnormal-refund", Api(static (api, c) => api.RefundAbnormalAsync(c)));
        endpoints.MapGet("/v3/certificates", Api(static (api, c) => api.CertificatesAsync(c)));
        endpoints.MapGet(JsCode2SessionEndpoint.Path, Started(JsCode2SessionEndpoint.HandleAsync));

        // The Pay Score mini program's confirm page
        endpoints.MapGet(ConfirmPageEndpoints.Path, Started(ConfirmPageEndpoints.OpenAsync));
        endpoints.MapGet(ConfirmPageEndpoints.Path + "/s/{session}", Started(ConfirmPageEndpoints.ShowAsync));
        endpoints.MapPost(ConfirmPageEndpoints.Path + "/s/{session}/confirm", Started(ConfirmPageEndpoints.ConfirmAsync));
        endpoints.MapPost(ConfirmPageEndpoints.Path + "/s/{session}/reject", Started(ConfirmPageEndpoints.RejectAsync));
        endpoints.MapPost(ConfirmPageEndpoints.Path + "/s/{session}/refuse", Started(ConfirmPageEndpoints.RefuseAsync));
        endpoints.MapPost(ConfirmPageEndpoints.Path + "/s/{session}/return", Started(ConfirmPageEndpoints.ReturnAsync));
        endpoints.MapPost(ConfirmPageEndpoints.Path + "/s/{session}/back", Started(ConfirmPageEndpoints.BackAsync));

        // Control API
        endpoints.MapGet("/sandbox", Started(DashboardPage.RenderAsync));
        endpoints.MapGet("/sandbox/keys", Started(ControlEndpoints.KeysAsync));
        endpoints.MapGet("/sandbox/wechatpay_public_key.pem", Started(ControlEndpoints.PublicKeyPemAsync));
        endpoints.MapPost("/sandbox/users/{user}/login-code", Started(ControlEndpoints.LoginCodeAsync));
        endpoints.MapPost("/sandbox/confirm", Started(ControlEndpoints.ConfirmAsync));
        endpoints.MapGet("/sandbox/orders", Started(ControlEndpoints.OrdersAsync));
        endpoints.MapGet("/sandbox/orders/{sub_mchid}/{out_order_no}", Started(ControlEndpoints.OrderAsync));
        endpoints.MapPost("/sandbox/orders/{sub_mchid}/{out_order_no}/payment", Started(ControlEndpoints.PaymentAsync));
        endpoints.MapGet("/sandbox/refunds", Started(ControlEndpoints.RefundsAsync));
        endpoints.MapGet("/sandbox/refunds/{sub_mchid}/{out_refund_no}", Started(ControlEndpoints.RefundAsync));
        endpoints.MapPost("/sandbox/refunds/abnormal", Started(ControlEndpoints.InjectAbnormalRefundAsync));
        endpoints.MapPost("/sandbox/refunds/funds/{sub_mchid}", Started(ControlEndpoints.RefundFundsAsync));
        endpoints.MapGet("/sandbox/notifications", Started(ControlEndpoints.NotificationsAsync));
        endpoints.MapPost("/sandbox/notifications/{id}/resend", Started(ControlEndpoints.ResendAsync));
        endpoints.MapGet("/sandbox/clock", Started(ControlEndpoints.ClockAsync));
        endpoints.MapPost("/sandbox/clock/advance", Started(ControlEndpoints.AdvanceAsync));
        endpoints.MapGet("/sandbox/faults", Started(ControlEndpoints.FaultsAsync));
        endpoints.MapPost("/sandbox/faults", Started(ControlEndpoints.AddFaultAsync));
        endpoints.MapDelete("/sandbox/faults", Started(ControlEndpoints.ClearFaultsAsync));
        endpoints.MapSandboxFavicon();
        return endpoints;
    }

    private static RequestDelegate Api(Func<WeChatApi, HttpContext, Task> handler) => context =>
    {
        context.RequestServices.GetRequiredService<SandboxRuntime>().EnsureStarted();
        return handler(context.RequestServices.GetRequiredService<WeChatApi>(), context);
    };

    private static RequestDelegate Started(RequestDelegate handler) => context =>
    {
        context.RequestServices.GetRequiredService<SandboxRuntime>().EnsureStarted();
        return handler(context);
    };
}
