using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.Json;

namespace WxPayScore.Sandbox.Control;

/// <summary>The HTTP control API under <c>/sandbox/…</c> (snake_case JSON; errors <c>{code, message}</c>).</summary>
internal static class ControlEndpoints
{
    public static Task LoginCodeAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.LoginCodeRequest).ConfigureAwait(false);
        var code = control.CreateLoginCode(Route(context, "user"), request?.AppId ?? string.Empty);
        await WriteAsync(context, code, SandboxJsonContext.Web.SandboxLoginCode).ConfigureAwait(false);
    });

    public static Task ConfirmAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.ConfirmRequest).ConfigureAwait(false);
        if (string.IsNullOrEmpty(request?.Package))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "package is required.");
        }

        await WriteAsync(context, control.Confirm(request.Package, request.User), SandboxJsonContext.Web.SandboxConfirmation).ConfigureAwait(false);
    });

    public static Task PaymentAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.PaymentRequest).ConfigureAwait(false)
            ?? throw new SandboxControlException(400, "PARAM_ERROR", "Body {\"succeed\": true|false[, \"amount\": fen]} is required.");
        var order = control.SetPaymentOutcome(Route(context, "sub_mchid"), Route(context, "out_order_no"), request.Succeed, request.Amount);
        await WriteAsync(context, order, SandboxJsonContext.Web.SandboxOrderInfo).ConfigureAwait(false);
    });

    public static Task OrdersAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetOrders(), SandboxJsonContext.Web.IReadOnlyListSandboxOrderInfo));

    public static Task OrderAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetOrder(Route(context, "sub_mchid"), Route(context, "out_order_no")),
            SandboxJsonContext.Web.SandboxOrderInfo));

    public static Task NotificationsAsync(HttpContext context) => RunAsync(context, async control =>
    {
        if (context.Request.Query["wait"].ToString() is "true" or "1")
        {
            await control.WaitForDeliveriesAsync(cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }

        await WriteAsync(context, control.GetNotifications(), SandboxJsonContext.Web.IReadOnlyListSandboxNotificationInfo).ConfigureAwait(false);
    });

    public static Task ResendAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var result = await control.ResendNotificationAsync(Route(context, "id"), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, result, SandboxJsonContext.Web.SandboxNotificationInfo).ConfigureAwait(false);
    });

    public static Task RefundsAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetRefunds(), SandboxJsonContext.Web.IReadOnlyListSandboxRefundInfo));

    public static Task RefundAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetRefund(Route(context, "sub_mchid"), Route(context, "out_refund_no")),
            SandboxJsonContext.Web.SandboxRefundInfo));

    public static Task InjectAbnormalRefundAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.RefundAbnormalInjection).ConfigureAwait(false);
        if (string.IsNullOrEmpty(request?.TransactionId))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "Body {\"transaction_id\": \"…\"} is required.");
        }

        control.InjectAbnormalRefund(request.TransactionId);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    public static Task RefundFundsAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.RefundFundsRequest).ConfigureAwait(false)
            ?? throw new SandboxControlException(400, "PARAM_ERROR", "Body {\"mode\": \"unlimited|reject|queue\", \"balance\": fen} is required.");
        control.SetRefundFunds(Route(context, "sub_mchid"), request.Mode ?? string.Empty, request.Balance ?? 0);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    });

    public static Task ClockAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetClock(), SandboxJsonContext.Web.SandboxClockInfo));

    public static Task AdvanceAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.AdvanceRequest).ConfigureAwait(false)
            ?? throw new SandboxControlException(400, "PARAM_ERROR", "Body {\"seconds\": N} is required.");
        if (request.Seconds < 0)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "seconds must be ≥ 0: the business clock only moves forward.");
        }

        var clock = await control.AdvanceClockAsync(TimeSpan.FromSeconds(request.Seconds), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, clock, SandboxJsonContext.Web.SandboxClockInfo).ConfigureAwait(false);
    });

    public static Task AddFaultAsync(HttpContext context) => RunAsync(context, async control =>
    {
        var request = await ReadAsync(context, SandboxJsonContext.Web.SandboxFaultRequest).ConfigureAwait(false)
            ?? throw new SandboxControlException(400, "PARAM_ERROR", "Body {\"endpoint\", \"kind\", \"count\", \"percent\", \"delay_ms\"} is required.");
        await WriteAsync(context, control.AddFault(request), SandboxJsonContext.Web.SandboxFault, StatusCodes.Status201Created).ConfigureAwait(false);
    });

    public static Task FaultsAsync(HttpContext context) =>
        RunAsync(context, control => WriteAsync(context, control.GetFaults(), SandboxJsonContext.Web.IReadOnlyListSandboxFault));

    public static Task ClearFaultsAsync(HttpContext context) => RunAsync(context, control =>
    {
        control.ClearFaults();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    });

    public static Task KeysAsync(HttpContext context)
    {
        var keys = context.RequestServices.GetRequiredService<SandboxRuntime>().Keys;
        var info = new Dictionary<string, string>
        {
            ["public_key_id"] = keys.PublicKeyId,
            ["public_key_pem"] = keys.PublicKeyPem,
            ["public_key_path"] = keys.PublicKeyPath,
            ["platform_certificate_serial"] = keys.CertificateSerial,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(info, SandboxJsonContext.Web.DictionaryStringString), context.RequestAborted);
    }

    public static Task PublicKeyPemAsync(HttpContext context)
    {
        var keys = context.RequestServices.GetRequiredService<SandboxRuntime>().Keys;
        context.Response.ContentType = "application/x-pem-file";
        return context.Response.WriteAsync(keys.PublicKeyPem + "\n", context.RequestAborted);
    }

    private static async Task RunAsync(HttpContext context, Func<SandboxControl, Task> action)
    {
        var control = context.RequestServices.GetRequiredService<SandboxControl>();
        try
        {
            await action(control).ConfigureAwait(false);
        }
        catch (SandboxControlException ex)
        {
            await WriteAsync(context, new ControlError(ex.Code, ex.Message), SandboxJsonContext.Web.ControlError, ex.StatusCode).ConfigureAwait(false);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        if (context.Request.ContentLength is 0)
        {
            return default;
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return buffer.Length == 0 ? default : JsonSerializer.Deserialize(buffer.ToArray(), type);
        }
        catch (JsonException ex)
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "The body is not valid JSON: " + ex.Message);
        }
    }

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, type), context.RequestAborted);
    }

    private static string Route(HttpContext context, string name) =>
        Convert.ToString(context.Request.RouteValues[name], CultureInfo.InvariantCulture) ?? string.Empty;
}
