namespace WxPayScore.Errors;

/// <summary>The <c>code</c> values documented for Pay Score.</summary>
public static class WeChatPayErrorCodes
{
    public const string ParamError = "PARAM_ERROR";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string SignError = "SIGN_ERROR";
    public const string NoAuth = "NO_AUTH";
    public const string OrderNotExist = "ORDER_NOT_EXIST";
    public const string InvalidOrderState = "INVALID_ORDER_STATE";
    public const string OrderCanceled = "ORDER_CANCELED";
    public const string OrderDone = "ORDER_DONE";
    public const string FrequencyLimited = "FREQUENCY_LIMITED";
    public const string RateLimitExceeded = "RATELIMIT_EXCEEDED";
    public const string SystemError = "SYSTEM_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}
