namespace WxPayScore.Errors;

/// <summary>What kind of failure WeChat reported, from the HTTP status and <c>code</c> together.</summary>
public enum WeChatPayErrorKind
{
    /// <summary>Not classified.</summary>
    Unknown = 0,
    /// <summary><c>PARAM_ERROR</c>: fix the request.</summary>
    InvalidParameter,
    /// <summary><c>INVALID_REQUEST</c>: the call is not allowed as made.</summary>
    InvalidRequest,
    /// <summary><c>SIGN_ERROR</c> or 401: check the merchant key and serial.</summary>
    SignatureRejected,
    /// <summary><c>NO_AUTH</c> or 403.</summary>
    NoPermission,
    /// <summary><c>ORDER_NOT_EXIST</c> or 404.</summary>
    NotFound,
    /// <summary><c>INVALID_ORDER_STATE</c>.</summary>
    InvalidOrderState,
    /// <summary><c>ORDER_CANCELED</c>.</summary>
    OrderCanceled,
    /// <summary><c>ORDER_DONE</c>.</summary>
    OrderDone,
    /// <summary><c>FREQUENCY_LIMITED</c>, <c>RATELIMIT_EXCEEDED</c> or 429: retry later.</summary>
    RateLimited,
    /// <summary><c>SYSTEM_ERROR</c> or 5xx: retry with the same parameters.</summary>
    SystemError,
    /// <summary><c>SERVICE_UNAVAILABLE</c>, 502 or 503: retry later.</summary>
    ServiceUnavailable,
}
