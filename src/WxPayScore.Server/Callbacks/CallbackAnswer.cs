using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Callbacks;

/// <summary>What to answer WeChat: 204 after a commit, otherwise a status with <c>{ "code": "FAIL", "message": … }</c> so that WeChat retries.</summary>
public sealed record CallbackAnswer(int Status, NotificationOutcome Outcome, string? Message)
{
    public bool IsSuccess => Status is 200 or 204;

    public static CallbackAnswer Ok(NotificationOutcome outcome) => new(StatusCodes.Status204NoContent, outcome, null);

    public static CallbackAnswer Fail(int status, NotificationOutcome outcome, string message) => new(status, outcome, message);
}
