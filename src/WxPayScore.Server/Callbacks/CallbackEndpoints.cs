using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Callbacks;
using WxPayScore.Server.Orders;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Callbacks;

/// <summary><c>POST /notify/payscore</c>: WeChat Pay's callbacks (PAYSCORE.USER_CONFIRM, PAYSCORE.USER_PAID).</summary>
public static class CallbackEndpoints
{
    public static IEndpointRouteBuilder MapCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(NotifyUrlProvider.CallbackPath, HandleAsync)
            .WithTags("Callbacks")
            .WithName("PayScoreCallback")
            .WithSummary("WeChat Pay Score callback (signed, encrypted). 204 after the change is committed; otherwise {code: FAIL, message} so that WeChat retries.")
            .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024))
            .RequireRateLimiting(Security.SecurityServiceCollectionExtensions.CallbackPolicy)
            .WithMetadata(new Security.RateLimitRejection((http, ct) =>
                // WeChat's own answer format: it retries later.
                http.Response.WriteAsJsonAsync(new CallbackFailureBody("FAIL", "Too many callbacks at once; retry later."), ct)))
            .DisableAntiforgery();
        return app;
    }

    private static Task<Results<NoContent, JsonHttpResult<CallbackFailureBody>>> HandleAsync(HttpContext http, CallbackProcessor processor,
        ILoggerFactory loggers) =>
        AnswerAsync(http, processor, processor.ProcessAsync, loggers);

    /// <summary>
    /// Reads a callback's body (within <see cref="CallbackProcessor.MaxBodyBytes"/>) and headers, has <paramref name="process"/>
    /// handle it and answers WeChat: 204 after the commit, <c>{code: FAIL, message}</c> otherwise (WeChat retries). Every
    /// callback endpoint answers through here.
    /// </summary>
    public static async Task<Results<NoContent, JsonHttpResult<CallbackFailureBody>>> AnswerAsync(HttpContext http, CallbackProcessor processor,
        Func<ReadOnlyMemory<byte>, CallbackHeaders, CancellationToken, Task<CallbackAnswer>> process, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(loggers);
        // Whatever happens, WeChat gets its own answer format: 204 after the commit, {code: FAIL, message} otherwise.
        try
        {
            var limit = processor.MaxBodyBytes;
            var body = await ReadLimitedAsync(http.Request.Body, limit, http.RequestAborted);
            if (body is null)
            {
                return Fail(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {limit} bytes.");
            }

            var headers = CallbackHeaders.From(name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null);
            var answer = await process(body, headers, http.RequestAborted);
            return answer.IsSuccess ? TypedResults.NoContent() : Fail(answer.Status, answer.Message ?? answer.Outcome.ToStoredName());
        }
        catch (BadHttpRequestException ex)
        {
            return Fail(ex.StatusCode, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(CallbackEndpoints)).LogError(ex, "A callback could not be processed");
            return Fail(StatusCodes.Status500InternalServerError, "The notification could not be processed; retry later.");
        }
    }

    private static JsonHttpResult<CallbackFailureBody> Fail(int status, string message) =>
        TypedResults.Json(new CallbackFailureBody("FAIL", message), statusCode: status);

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
