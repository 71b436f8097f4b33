namespace WxPayScore.Server.Callbacks;

/// <summary>WeChat's failure answer to a notification: <c>{ "code": "FAIL", "message": … }</c>.</summary>
public sealed record CallbackFailureBody(string Code, string Message);
