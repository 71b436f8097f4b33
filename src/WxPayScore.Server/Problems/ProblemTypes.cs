namespace WxPayScore.Server.Problems;

/// <summary>The <c>type</c> URIs of the server's problem documents.</summary>
public static class ProblemTypes
{
    public const string Base = "https://wxpayscore.local/problems/";
    public const string Validation = Base + "validation";
    public const string MalformedJson = Base + "malformed-json";
    public const string BodyTooLarge = Base + "body-too-large";
    public const string UnknownPlan = Base + "unknown-plan";
    public const string Unauthorized = Base + "unauthorized";
    public const string NotFound = Base + "not-found";
    public const string WrongState = Base + "wrong-state";
    public const string TotalMismatch = Base + "total-mismatch";
    public const string Upstream = Base + "wechat-pay";
    public const string UpstreamUnavailable = Base + "wechat-pay-unavailable";
    public const string Unexpected = Base + "unexpected";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string TooManyOpenOrders = Base + "too-many-open-orders";
    public const string UnknownDevice = Base + "unknown-device";
    public const string DeviceDisabled = Base + "device-disabled";
    public const string PlanNotAllowed = Base + "plan-not-allowed";
    public const string WrongMiniProgram = Base + "wrong-mini-program";
    public const string NotRefundable = Base + "not-refundable";

    public static string For(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        404 => NotFound,
        409 => WrongState,
        413 => BodyTooLarge,
        502 => Upstream,
        503 or 504 => UpstreamUnavailable,
        _ => Base + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
