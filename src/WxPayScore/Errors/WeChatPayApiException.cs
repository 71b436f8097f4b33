using System.Net;

namespace WxPayScore.Errors;

/// <summary>WeChat answered with an error status (4xx/5xx) and, usually, a <c>{code, message, detail}</c> body.</summary>
public sealed class WeChatPayApiException : WeChatPayException
{
    /// <summary>Creates an exception with a default message.</summary>
    public WeChatPayApiException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public WeChatPayApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public WeChatPayApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error answer: status, WeChat's error body (if any) and the Request-ID.</summary>
    public WeChatPayApiException(HttpStatusCode statusCode, WeChatPayErrorBody? body, string? requestId)
        : base(Describe(statusCode, body, requestId))
    {
        StatusCode = statusCode;
        Code = body?.Code;
        ErrorMessage = body?.Message;
        Detail = body?.Detail;
        RequestId = requestId;
        Kind = Classify(statusCode, body?.Code);
    }

    /// <summary>The HTTP status WeChat answered.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>WeChat's machine code, e.g. <c>ORDER_NOT_EXIST</c>.</summary>
    public string? Code { get; }

    /// <summary>WeChat's human-readable message (often Chinese).</summary>
    public string? ErrorMessage { get; }

    /// <summary>WeChat's <c>detail</c> (the field at fault), when given.</summary>
    public WeChatPayErrorDetail? Detail { get; }

    /// <summary>The failure classified from <see cref="StatusCode"/> and <see cref="Code"/>.</summary>
    public WeChatPayErrorKind Kind { get; }

    /// <summary>The order is in the wrong state for the call (including "already cancelled/done").</summary>
    public bool IsStateError => Kind is WeChatPayErrorKind.InvalidOrderState or WeChatPayErrorKind.OrderCanceled or WeChatPayErrorKind.OrderDone;

    /// <summary>Retrying with identical parameters may succeed.</summary>
    public bool IsTransient => Kind is WeChatPayErrorKind.RateLimited or WeChatPayErrorKind.SystemError or WeChatPayErrorKind.ServiceUnavailable;

    /// <summary>Classifies a failure by WeChat's <c>code</c>, or by the HTTP status when the code is unknown.</summary>
    public static WeChatPayErrorKind Classify(HttpStatusCode status, string? code) => code switch
    {
        WeChatPayErrorCodes.ParamError => WeChatPayErrorKind.InvalidParameter,
        WeChatPayErrorCodes.InvalidRequest => WeChatPayErrorKind.InvalidRequest,
        WeChatPayErrorCodes.SignError => WeChatPayErrorKind.SignatureRejected,
        WeChatPayErrorCodes.NoAuth => WeChatPayErrorKind.NoPermission,
        WeChatPayErrorCodes.OrderNotExist or WeChatPayErrorCodes.ResourceNotExists or WeChatPayErrorCodes.MchNotExists => WeChatPayErrorKind.NotFound,
        WeChatPayErrorCodes.InvalidOrderState => WeChatPayErrorKind.InvalidOrderState,
        WeChatPayErrorCodes.OrderCanceled => WeChatPayErrorKind.OrderCanceled,
        WeChatPayErrorCodes.OrderDone => WeChatPayErrorKind.OrderDone,
        WeChatPayErrorCodes.FrequencyLimited or WeChatPayErrorCodes.RateLimitExceeded => WeChatPayErrorKind.RateLimited,
        WeChatPayErrorCodes.SystemError => WeChatPayErrorKind.SystemError,
        WeChatPayErrorCodes.ServiceUnavailable => WeChatPayErrorKind.ServiceUnavailable,
        _ => status switch
        {
            HttpStatusCode.Unauthorized => WeChatPayErrorKind.SignatureRejected,
            HttpStatusCode.Forbidden => WeChatPayErrorKind.NoPermission,
            HttpStatusCode.NotFound => WeChatPayErrorKind.NotFound,
            HttpStatusCode.TooManyRequests => WeChatPayErrorKind.RateLimited,
            HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable => WeChatPayErrorKind.ServiceUnavailable,
            >= HttpStatusCode.InternalServerError => WeChatPayErrorKind.SystemError,
            _ => WeChatPayErrorKind.Unknown,
        },
    };

    private static string Describe(HttpStatusCode status, WeChatPayErrorBody? body, string? requestId) =>
        $"WeChat Pay answered {(int)status} {body?.Code ?? "(no code)"}: {body?.Message ?? "(no message)"}" +
        (body?.Detail?.Field is { } field ? $" [field {field}: {body.Detail.Issue}]" : string.Empty) +
        (requestId is null ? string.Empty : $" (Request-ID {requestId})");
}
