namespace WxPayScore.Errors;

/// <summary>The <c>code</c> values documented for Pay Score and for refunds (refunds.md §7).</summary>
public static class WeChatPayErrorCodes
{
    /// <summary>A parameter is wrong (400).</summary>
    public const string ParamError = "PARAM_ERROR";
    /// <summary>The request is not allowed as made (400).</summary>
    public const string InvalidRequest = "INVALID_REQUEST";
    /// <summary>WeChat refused the request's signature (401).</summary>
    public const string SignError = "SIGN_ERROR";
    /// <summary>The merchant has no permission for the call (403).</summary>
    public const string NoAuth = "NO_AUTH";
    /// <summary>No such order (404).</summary>
    public const string OrderNotExist = "ORDER_NOT_EXIST";
    /// <summary>The order's state does not allow the call.</summary>
    public const string InvalidOrderState = "INVALID_ORDER_STATE";
    /// <summary>The order is already cancelled.</summary>
    public const string OrderCanceled = "ORDER_CANCELED";
    /// <summary>The order is already finished.</summary>
    public const string OrderDone = "ORDER_DONE";
    /// <summary>Too many calls for this order or merchant (429).</summary>
    public const string FrequencyLimited = "FREQUENCY_LIMITED";
    /// <summary>Rate limit exceeded (429).</summary>
    public const string RateLimitExceeded = "RATELIMIT_EXCEEDED";
    /// <summary>WeChat's internal error (500): retry with the same parameters.</summary>
    public const string SystemError = "SYSTEM_ERROR";
    /// <summary>WeChat is unavailable (503): retry later.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    /// <summary>Refunds: the transaction (create) or the refund (query) does not exist (404).</summary>
    public const string ResourceNotExists = "RESOURCE_NOT_EXISTS";
    /// <summary>Refunds: the merchant id is unknown (404).</summary>
    public const string MchNotExists = "MCH_NOT_EXISTS";
    /// <summary>Refunds: the sub-merchant's balance is too low (403); retry with the same <c>out_refund_no</c> once funded.</summary>
    public const string NotEnough = "NOT_ENOUGH";
    /// <summary>Refunds: the user's account is abnormal (403); refund by other means.</summary>
    public const string UserAccountAbnormal = "USER_ACCOUNT_ABNORMAL";
}
