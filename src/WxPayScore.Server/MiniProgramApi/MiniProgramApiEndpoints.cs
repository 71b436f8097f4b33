using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Errors;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Security;
using WxPayScore.Server.Sessions;

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

        api.MapGet("/plans", (PlanCatalog catalog) => TypedResults.Ok(catalog.Plans))
            .WithName("ListPlans")
            .WithSummary("The service plans on sale (the mini program names a plan, never an amount).");

        var orders = api.MapGroup("/orders").RequireAuthorization(SessionAuthentication.Policy).ProducesProblem(401);
        orders.MapPost("/", CreateOrderAsync)
            .AcceptsJsonAfterAuthentication<CreateOrderRequest>()
            .WithName("CreateOrder")
            .WithSummary("Creates a Pay Score order for a plan and returns the ready launch parameters (wx.openBusinessView).")
            .RequireRateLimiting(SecurityServiceCollectionExtensions.OrderCreatePolicy)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(429).ProducesProblem(502).ProducesProblem(503).ProducesProblem(504);
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

    private static async Task<Ok<SessionResponse>> CreateSessionAsync(CreateSessionRequest? request, MiniProgramLoginClient login,
        SessionTokenService tokens, CancellationToken cancellationToken)
    {
        var code = request?.Code;
        if (string.IsNullOrWhiteSpace(code) || code.Length > 256)
        {
            throw new ApiProblemException(400, "code is required", "The body must be { \"code\": \"<wx.login code>\" } (at most 256 characters).", ProblemTypes.Validation)
                .With("field", "code");
        }

        var result = await login.LoginAsync(code, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new ApiProblemException(result.Status, result.Status == 503 ? "WeChat login unavailable" : "Login refused",
                result.Error ?? "WeChat did not accept the login code.", result.Status == 401 ? ProblemTypes.Unauthorized : null);
        }

        var (token, expiresAt) = tokens.Issue(result.OpenId!);
        return TypedResults.Ok(new SessionResponse(token, expiresAt));
    }

    private static async Task<Results<Created<CreateOrderResponse>, ProblemHttpResult>> CreateOrderAsync(CreateOrderRequest? request, HttpContext http, OrderService orders)
    {
        var result = await orders.CreateAsync(SessionAuthentication.OpenIdOf(http), request?.PlanId);
        return result.Value is { } created
            ? TypedResults.Created($"/api/orders/{Uri.EscapeDataString(created.OutOrderNo)}", created)
            : Problem(result.Error!);
    }

    private static async Task<Results<Ok<OrderStatusView>, ProblemHttpResult>> GetOrderAsync(string outOrderNo, HttpContext http, OrderService orders,
        CancellationToken cancellationToken) =>
        Answer(await orders.GetForUserAsync(SessionAuthentication.OpenIdOf(http), outOrderNo, cancellationToken));

    private static async Task<Results<Ok<OrderStatusView>, ProblemHttpResult>> GetOrderByQueryIdAsync(string queryId, HttpContext http, OrderService orders,
        CancellationToken cancellationToken) =>
        Answer(await orders.GetByQueryIdForUserAsync(SessionAuthentication.OpenIdOf(http), queryId, cancellationToken));

    private static Results<Ok<OrderStatusView>, ProblemHttpResult> Answer(OrderResult<OrderStatusView> result) =>
        result.Value is { } view ? TypedResults.Ok(view) : Problem(result.Error!);

    private static ProblemHttpResult Problem(OrderError error) => OrderProblems.From(error, wechatOrderErrorsAreUpstream: true);
}
