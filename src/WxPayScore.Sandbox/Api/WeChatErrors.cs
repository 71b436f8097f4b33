using WxPayScore.Errors;

namespace WxPayScore.Sandbox.Api;

/// <summary>The errors the sandbox answers, with WeChat's codes, statuses, messages and internal numbers (spec §8, apiv3-security.md §8).</summary>
internal static class WeChatErrors
{
    public static WeChatErrorException Param(string field, string issue, string? value = null, string location = "body", string? message = null) =>
        new(400, WeChatPayErrorCodes.ParamError, message ?? $"参数错误：{field} {issue}",
            new WeChatPayErrorDetail { Field = field, Value = value, Issue = issue, Location = location }, 268435464);

    public static WeChatErrorException ParamMessage(string message, string field, string? value = null, long internalNumber = 268435464) =>
        new(400, WeChatPayErrorCodes.ParamError, message,
            new WeChatPayErrorDetail { Field = field, Value = value, Issue = message, Location = "body" }, internalNumber);

    public static WeChatErrorException InvalidRequest(string message, long internalNumber = 268435463) =>
        new(400, WeChatPayErrorCodes.InvalidRequest, message, null, internalNumber);

    public static WeChatErrorException ReentryMismatch() =>
        new(400, WeChatPayErrorCodes.InvalidRequest, "订单重入参数校验失败", null, 271316598);

    public static WeChatErrorException NoAuth(string message, long internalNumber = 268503786) =>
        new(403, WeChatPayErrorCodes.NoAuth, message, null, internalNumber);

    public static WeChatErrorException OrderNotExist() =>
        new(404, WeChatPayErrorCodes.OrderNotExist, "订单不存在", null, 271317510);

    public static WeChatErrorException InvalidState(string message, long internalNumber = 271302262) =>
        new(400, WeChatPayErrorCodes.InvalidOrderState, message, null, internalNumber);

    public static WeChatErrorException Canceled() =>
        new(400, WeChatPayErrorCodes.OrderCanceled, "订单已取消", null, 271302333);

    public static WeChatErrorException Done() =>
        new(400, WeChatPayErrorCodes.OrderDone, "订单已完成", null, 271302334);

    public static WeChatErrorException SignError(string message, string issue) =>
        new(401, WeChatPayErrorCodes.SignError, message,
            new WeChatPayErrorDetail { Field = "Authorization", Issue = issue, Location = "header" }, 270924332);

    public static WeChatErrorException SystemError() =>
        new(500, WeChatPayErrorCodes.SystemError, "系统错误", null, 268435456);

    public static WeChatErrorException FrequencyLimited() =>
        new(429, WeChatPayErrorCodes.FrequencyLimited, "请求过于频繁，请稍后再试", null, 268435472);
}
