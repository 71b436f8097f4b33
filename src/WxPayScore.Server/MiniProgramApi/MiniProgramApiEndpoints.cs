using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Errors;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Security;
using WxPayScore.Server.Sessions;
using WxPayScore.Server.Orders.Devices;

namespace WxPayScore.Server.MiniProgramApi;

/// <summary>The API the mini program (and the browser demo) calls: docs/contracts.md.</summary>
public static class MiniProgramApiEndpoints
{
    public static IEndpointRouteBuilder MapMiniProgramApi(this IEndpointRouteBuilder app, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").WithTags("Mini program").WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes));

        api.MapPost("/session", CreateSessionAsync)
            .WithName("CreateSession")
            .WithSummary("Log in: exchanges a wx.login code (jscode2session) for a session token bound to the user's openid.")
            .RequireRateLimiting(SecurityServiceCollectionExtensions.SessionPolicy)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429).ProducesProblem(503);

        api.MapGet("/plans", ListPlans)
            .WithName("ListPlans")
            .WithSummary("The service plans on sale (the mini program names a plan, never an amount); subMerchant=key: that sub-merchant's.")
            .ProducesProblem(404);
        api.MapDevicesForMiniProgram();

        var orders = api.MapGroup("/orders").RequireAuthorization(SessionAuthentication.Policy).ProducesProblem(401);
        orders.MapPost("/", CreateOrderAsync)
            .AcceptsJsonAfterAuthentication<CreateOrderRequest>()
            .WithName("CreateOrder")
            .WithSummary("Creates a Pay Score order for a plan at the scanned device (its sub-merchant, device.start_device_id, location) and returns the ready launch parameters (wx.openBusinessView).")
            .RequireRateLimiting(SecurityServiceCollectionExtensions.OrderCreatePolicy)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(429)
            .ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
        orders.MapGet("/{outOrderNo}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("The caller's order, freshly queried from WeChat Pay: confirmed? paid?")
            .ProducesProblem(404).ProducesProblem(502).ProducesProblem(503);
        orders.MapGet("/by-query-id/{queryId}", GetOrderByQueryIdAsync)
            .WithName("GetOrderByQueryId")
            .WithSummary("The caller's order by the query_id the Pay Score page handed back (a lookup hint only).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(502).ProducesProblem(503);
        return app;
    }

    private static Results<Ok<IReadOnlyList<PlanView>>, ProblemHttpResult> ListPlans(PlanCatalog catalog, string? subMerchant)
    {
        if (string.IsNullOrEmpty(subMerchant))
        {
            return TypedResults.Ok(catalog.Plans);
        }

        return catalog.PlansOf(subMerchant) is { } plans
            ? TypedResults.Ok(plans)
            : TypedResults.Problem(new ProblemDetails
            {
                Status = 404, Type = ProblemTypes.NotFound, Title = "Unknown sub-merchant", Detail = "There is no such sub-merchant.",
                Extensions = { ["field"] = "subMerchant" },
            });
    }

    private static async Task<Ok<SessionResponse>> CreateSessionAsync(CreateSessionRequest? request, MiniProgramLoginClient login,
        SessionTokenService tokens, CancellationToken cancellationToken)
    {
        var code = request?.Code;
        if (string.IsNullOrWhiteSpace(code) || code.Length > 256)
        {
            throw new ApiProblemException(400, "code is required", "The body must be { \"code\": \"<wx.login code>\" } (at most 256 characters).", ProblemTypes.Validation)
                .With("field", "code");
        }

        var appId = request?.AppId;
        if (string.IsNullOrEmpty(appId))
        {
            if (login.AppIds.Count != 1)
            {
                throw new ApiProblemException(400, "appId is required",
                    "Several mini programs are configured: the body must name the caller's own AppID, { \"code\": \"…\", \"appId\": \"wx…\" } (wx.getAccountInfoSync().miniProgram.appId).",
                    ProblemTypes.Validation).With("field", "appId");
            }

            appId = login.AppIds[0];
        }
        else if (appId.Length > 32 || !login.Knows(appId))
        {
            throw new ApiProblemException(400, "Unknown mini program", $"'{(appId.Length > 32 ? appId[..32] : appId)}' is not a mini program of this server (MiniPrograms).",
                ProblemTypes.Validation).With("field", "appId");
        }

        var result = await login.LoginAsync(appId, code, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new ApiProblemException(result.Status, result.Status == 503 ? "WeChat login unavailable" : "Login refused",
                result.Error ?? "WeChat did not accept the login code.", result.Status == 401 ? ProblemTypes.Unauthorized : null);
        }

        var (token, expiresAt) = tokens.Issue(appId, result.OpenId!);
        return TypedResults.Ok(new SessionResponse(token, expiresAt, appId));
    }

    private static async Task<Results<Created<CreateOrderResponse>, ProblemHttpResult>> CreateOrderAsync(CreateOrderRequest? request, HttpContext http, OrderService orders)
    {
        var result = await orders.CreateAsync(SessionAuthentication.UserOf(http), request?.PlanId, request?.DeviceId, request?.SubMerchant);
        return result.Value is { } created
            ? TypedResults.Created($"/api/orders/{Uri.EscapeDataString(created.OutOrderNo)}", created)
            : Problem(result.Error!);
    }

    private static async Task<Results<Ok<OrderStatusView>, ProblemHttpResult>> GetOrderAsync(string outOrderNo, HttpContext http, OrderService orders,
        CancellationToken cancellationToken) =>
        Answer(await orders.GetForUserAsync(SessionAuthentication.UserOf(http), outOrderNo, cancellationToken));

    private static async Task<Results<Ok<OrderStatusView>, ProblemHttpResult>> GetOrderByQueryIdAsync(string queryId, HttpContext http, OrderService orders,
        CancellationToken cancellationToken) =>
        Answer(await orders.GetByQueryIdForUserAsync(SessionAuthentication.UserOf(http), queryId, cancellationToken));

    private static Results<Ok<OrderStatusView>, ProblemHttpResult> Answer(OrderResult<OrderStatusView> result) =>
        result.Value is { } view ? TypedResults.Ok(view) : Problem(result.Error!);

    private static ProblemHttpResult Problem(OrderError error) => OrderProblems.From(error, wechatOrderErrorsAreUpstream: true);
}
