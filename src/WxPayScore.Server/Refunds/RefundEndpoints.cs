using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Server.Admin;
using WxPayScore.Server.Callbacks;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Security;

namespace WxPayScore.Server.Refunds;

/// <summary>
/// <c>POST|GET /admin/api/orders/{outOrderNo}/refunds</c> (admin key) and <c>POST /notify/refund</c> (WeChat's
/// <c>REFUND.*</c> callbacks, answered like <c>/notify/payscore</c>).
/// </summary>
public static class RefundEndpoints
{
    public static IEndpointRouteBuilder MapRefunds(this IEndpointRouteBuilder app, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/admin/api/orders/{outOrderNo}/refunds")
            .WithTags("Admin")
            .RequireAuthorization(AdminAuthentication.Policy)
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes))
            .ProducesProblem(401).ProducesProblem(404).ProducesProblem(429);
        admin.MapPost("", async (string outOrderNo, CreateRefundRequest? request, OrderRefunds service, CancellationToken ct) =>
                Answer(await service.CreateAsync(outOrderNo, request, ct)))
            .AcceptsJsonAfterAuthentication<CreateRefundRequest>()
            .WithName("AdminRefundOrder")
            .WithSummary("Refund amount (fen) of a DONE order, split across its NEWTON collection details; stored before it is sent. 422 when more than is refundable or nothing is refundable through WeChat, 409 when the order is not collected.")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422).ProducesProblem(502);
        admin.MapGet("", async (string outOrderNo, OrderRefunds service, CancellationToken ct) => Answer(await service.ListAsync(outOrderNo, ct)))
            .WithName("AdminListRefunds").WithSummary("The order's refunds, its collection details with their refundable balance, and the totals.");

        app.MapPost(NotifyUrlProvider.RefundCallbackPath, (HttpContext http, CallbackProcessor processor, RefundCallbacks refunds, ILoggerFactory loggers) =>
                CallbackEndpoints.AnswerAsync(http, processor, refunds.ProcessAsync, loggers))
            .WithTags("Callbacks")
            .WithName("RefundCallback")
            .WithSummary("WeChat Pay refund callback (REFUND.SUCCESS/ABNORMAL/CLOSED; signed, encrypted). 204 after the change is committed; otherwise {code: FAIL, message} so that WeChat retries.")
            .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024))
            .RequireRateLimiting(SecurityServiceCollectionExtensions.CallbackPolicy)
            .DisableAntiforgery();
        return app;
    }

    private static Results<Ok<AdminRefundList>, ProblemHttpResult> Answer(OrderResult<AdminRefundList> result) =>
        result.Value is { } value ? TypedResults.Ok(value) : OrderProblems.From(result.Error!, wechatOrderErrorsAreUpstream: false);
}
