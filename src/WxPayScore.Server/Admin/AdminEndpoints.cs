using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Orders.Devices;
using WxPayScore.Server.Security;

namespace WxPayScore.Server.Admin;

/// <summary>The admin JSON API under <c>/admin/api</c>, protected by <c>X-Api-Key</c>.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/admin/api")
            .WithTags("Admin")
            .RequireAuthorization(AdminAuthentication.Policy)
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes))
            .ProducesProblem(401).ProducesProblem(429);

        admin.MapGet("/orders", ListAsync).WithName("AdminListOrders").WithSummary("Orders, newest first; filter by phase, WeChat state, sub-merchant (key or sub_mchid), device or a search text.")
            .ProducesProblem(400);
        admin.MapGet("/orders/{outOrderNo}", DetailAsync).WithName("AdminGetOrder").WithSummary("One order with its full history (state changes, callbacks with verification result, WeChat calls).")
            .ProducesProblem(404);
        admin.MapPost("/orders/{outOrderNo}/complete", (string outOrderNo, CompleteOrderRequest? request, AdminOrderActions service, CancellationToken ct) => Ok(service.CompleteAsync(outOrderNo, request, ct)))
            .AcceptsJsonAfterAuthentication<CompleteOrderRequest>()
            .WithName("AdminCompleteOrder").WithSummary("Complete: fee lines + discounts; the total must equal fees − discounts.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(502);
        admin.MapPost("/orders/{outOrderNo}/cancel", (string outOrderNo, CancelOrderRequest? request, AdminOrderActions service, CancellationToken ct) => Ok(service.CancelAsync(outOrderNo, request, ct)))
            .AcceptsJsonAfterAuthentication<CancelOrderRequest>()
            .WithName("AdminCancelOrder").WithSummary("Cancel with a reason shown to the user.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(502);
        admin.MapPost("/orders/{outOrderNo}/modify", (string outOrderNo, ModifyOrderRequest? request, AdminOrderActions service, CancellationToken ct) => Ok(service.ModifyAsync(outOrderNo, request, ct)))
            .AcceptsJsonAfterAuthentication<ModifyOrderRequest>()
            .WithName("AdminModifyOrder").WithSummary("Lower the amount of a completed, unpaid order.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(502);
        admin.MapPost("/orders/{outOrderNo}/pay", (string outOrderNo, AdminOrderActions service, CancellationToken ct) => Ok(service.PayAsync(outOrderNo, ct)))
            .WithName("AdminPayOrder").WithSummary("Ask Pay Score to collect again (the result arrives by callback or query).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(502);
        admin.MapPost("/orders/{outOrderNo}/sync", (string outOrderNo, SyncOrderRequest? request, AdminOrderActions service, CancellationToken ct) => Ok(service.SyncAsync(outOrderNo, request, ct)))
            .AcceptsJsonAfterAuthentication<SyncOrderRequest>()
            .WithName("AdminSyncOrder").WithSummary("Tell WeChat the user paid another way (Order_Paid).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(502);
        admin.MapPost("/orders/{outOrderNo}/refresh", (string outOrderNo, AdminOrderActions service, CancellationToken ct) => Ok(service.RefreshAsync(outOrderNo, ct)))
            .WithName("AdminRefreshOrder").WithSummary("Query WeChat now and apply the answer.")
            .ProducesProblem(404).ProducesProblem(502);
        admin.MapGet("/stats", async (AdminOrderQueries service, int? buckets, CancellationToken ct) => TypedResults.Ok(await service.StatsAsync(buckets ?? 24, ct)))
            .WithName("AdminStats").WithSummary("Counts per phase now and over time.");
        admin.MapGet("/notifications", async (AdminOrderQueries service, bool? rejected, int? limit, int? offset, CancellationToken ct) =>
                TypedResults.Ok(await service.NotificationsAsync(rejected ?? false, limit ?? 100, offset ?? 0, ct)))
            .WithName("AdminNotifications").WithSummary("Callback deliveries received, newest first (rejected=true: only those that failed verification; offset pages on).");
        admin.MapGet("/notifications/rejected", async (AdminOrderQueries service, Callbacks.RejectedCallbacks rejected, int? limit, CancellationToken ct) =>
                TypedResults.Ok(new AdminRejectedCallbacks(rejected.Since, rejected.Counts, rejected.SampleSize, rejected.Retention.TotalDays,
                    await service.NotificationsAsync(true, limit ?? 20, 0, ct))))
            .WithName("AdminRejectedCallbacks").WithSummary("Rejected callbacks: counts per reason (this instance, since it started) and the kept sample (bounded by Callbacks:RejectedSample*).");
        admin.MapGet("/calls", async (AdminOrderQueries service, string? operation, string? outcome, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await service.CallsAsync(operation, outcome, limit ?? 100, ct)))
            .WithName("AdminCalls").WithSummary("The journal of WeChat calls, newest first (operation=query|create|…|jscode2session|certificates; outcome=ok|api_error|unknown|…|pending).");
        admin.MapDevices();
        return app;
    }

    private static async Task<Results<Ok<AdminOrderList>, ProblemHttpResult>> ListAsync(AdminOrderQueries service, Orders.SubMerchants.SubMerchantCatalog subMerchants,
        string? phase, string? state, string? q, int? limit, int? offset, string? subMerchant, string? device, CancellationToken ct)
    {
        string? subMchId = null;
        if (!string.IsNullOrEmpty(subMerchant))
        {
            // By key or by sub_mchid.
            subMchId = (subMerchants.Find(subMerchant) ?? subMerchants.FindBySubMchId(subMerchant))?.SubMchId;
            if (subMchId is null)
            {
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = 400, Type = Problems.ProblemTypes.Validation, Title = "Unknown sub-merchant",
                    Detail = $"subMerchant must be one of {string.Join(", ", subMerchants.All.Select(s => s.Key))} (or its sub_mchid).",
                    Extensions = { ["field"] = "subMerchant" },
                });
            }
        }

        return Answer(await service.ListAsync(phase, state, q, limit ?? 50, offset ?? 0, ct, subMchId, device));
    }

    private static async Task<Results<Ok<AdminOrderDetail>, ProblemHttpResult>> DetailAsync(string outOrderNo, AdminOrderQueries service, CancellationToken ct) =>
        Answer(await service.DetailAsync(outOrderNo, ct));

    private static async Task<Results<Ok<AdminOrderDetail>, ProblemHttpResult>> Ok(Task<OrderResult<AdminOrderDetail>> action) => Answer(await action);

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(OrderResult<T> result)
        where T : class =>
        result.Value is { } value ? TypedResults.Ok(value) : OrderProblems.From(result.Error!, wechatOrderErrorsAreUpstream: false);
}
