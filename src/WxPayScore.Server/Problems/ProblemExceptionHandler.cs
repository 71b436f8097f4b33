using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Errors;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Problems;

/// <summary>
/// Turns every exception that reaches the pipeline into a ProblemDetails that says what is wrong: bad input is a 4xx
/// (malformed JSON, oversize body, validation), WeChat trouble a 502/503/504, and only a genuine bug a 500.
/// </summary>
public sealed class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService problems;
    private readonly ILogger<ProblemExceptionHandler> logger;

    public ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    {
        this.problems = problems;
        this.logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = ToProblem(exception);
        if (problem.Status >= 500 && exception is not (ApiProblemException or WeChatPayException))
        {
            logger.LogError(exception, "Unexpected error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails ToProblem(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case ApiProblemException api:
            {
                var problem = new ProblemDetails { Status = api.Status, Title = api.Title, Detail = api.Message, Type = api.Type };
                foreach (var (key, value) in api.Extensions)
                {
                    problem.Extensions[key] = value;
                }

                return problem;
            }

            case BadHttpRequestException bad:
                return FromBadRequest(bad);
            case WeChatPayValidationException validation:
                return new ProblemDetails
                {
                    Status = 400, Title = "Invalid order data", Detail = validation.Message, Type = ProblemTypes.Validation,
                    Extensions = { ["field"] = validation.Field },
                };
            case InvalidServiceOrderStateException state:
                return new ProblemDetails { Status = 409, Title = "Wrong order state", Detail = state.Message, Type = ProblemTypes.WrongState };
            case WeChatPayApiException api:
                return FromWeChat(api);
            case WeChatPayConnectionException:
                return new ProblemDetails
                {
                    Status = 504, Title = "WeChat Pay did not answer", Type = ProblemTypes.UpstreamUnavailable,
                    Detail = "WeChat Pay did not answer; the outcome is unknown and will be reconciled. Try again in a moment.",
                };
            case WeChatPaySignatureException:
                return new ProblemDetails
                {
                    Status = 502, Title = "WeChat Pay's answer did not verify", Type = ProblemTypes.Upstream,
                    Detail = "The answer claiming to be WeChat Pay's was not correctly signed and was ignored.",
                };
            case JsonException json:
                return new ProblemDetails { Status = 400, Title = "Malformed JSON", Detail = json.Message, Type = ProblemTypes.MalformedJson };
            default:
                return new ProblemDetails
                {
                    Status = 500, Title = "Unexpected error", Type = ProblemTypes.Unexpected,
                    Detail = "The server failed unexpectedly; the error is logged.",
                };
        }
    }

    public static ProblemDetails FromWeChat(WeChatPayApiException api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (status, title) = api.Kind switch
        {
            _ when api.IsStateError => (409, "Wrong order state (WeChat Pay)"),
            WeChatPayErrorKind.NotFound => (404, "Order not found at WeChat Pay"),
            WeChatPayErrorKind.RateLimited or WeChatPayErrorKind.SystemError or WeChatPayErrorKind.ServiceUnavailable => (503, "WeChat Pay is unavailable"),
            _ => (502, "WeChat Pay refused the request"),
        };
        return new ProblemDetails
        {
            Status = status, Title = title, Type = status == 409 ? ProblemTypes.WrongState : ProblemTypes.For(status),
            Detail = $"WeChat Pay answered {(int)api.StatusCode} {api.Code}: {api.ErrorMessage}",
            Extensions = { ["wechatCode"] = api.Code, ["requestId"] = api.RequestId },
        };
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var inner = bad.InnerException;
        while (inner?.InnerException is not null && inner is not JsonException)
        {
            inner = inner.InnerException;
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Title = "Request body too large", Detail = bad.Message, Type = ProblemTypes.BodyTooLarge };
        }

        if (inner is JsonException json)
        {
            return new ProblemDetails { Status = 400, Title = "Malformed JSON", Detail = $"{bad.Message} {json.Message}", Type = ProblemTypes.MalformedJson };
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode, Title = "Bad request", Type = ProblemTypes.For(bad.StatusCode),
            Detail = inner is null ? bad.Message : $"{bad.Message} {inner.Message}",
        };
    }
}
