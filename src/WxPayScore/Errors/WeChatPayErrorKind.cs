namespace WxPayScore.Errors;

/// <summary>What kind of failure WeChat reported, from the HTTP status and <c>code</c> together.</summary>
public enum WeChatPayErrorKind
{
    Unknown = 0,
    InvalidParameter,
    InvalidRequest,
    SignatureRejected,
    NoPermission,
    NotFound,
    InvalidOrderState,
    OrderCanceled,
    OrderDone,
    RateLimited,
    SystemError,
    ServiceUnavailable,
}
