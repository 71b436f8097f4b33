using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxPayScore.Errors;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Orders;

/// <summary>The HTTP answer to an <see cref="OrderError"/>: a ProblemDetails naming the field or order it is about.</summary>
public static class OrderProblems
{
    /// <summary>
    /// The problem for <paramref name="error"/>. With <paramref name="wechatOrderErrorsAreUpstream"/> (the mini program's
    /// view), WeChat's 404 or 409 about an order the server itself made is an upstream fault (502), not the caller's.
    /// </summary>
    public static ProblemHttpResult From(OrderError error, bool wechatOrderErrorsAreUpstream)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = error.Kind switch
        {
            OrderErrorKind.Invalid => new ProblemDetails { Status = 400, Type = ProblemTypes.Validation },
            OrderErrorKind.UnknownPlan => new ProblemDetails { Status = 400, Type = ProblemTypes.UnknownPlan },
            OrderErrorKind.UnknownDevice => new ProblemDetails { Status = 404, Type = ProblemTypes.UnknownDevice },
            OrderErrorKind.DeviceDisabled => new ProblemDetails { Status = 409, Type = ProblemTypes.DeviceDisabled },
            OrderErrorKind.PlanNotAllowed => new ProblemDetails { Status = 400, Type = ProblemTypes.PlanNotAllowed },
            OrderErrorKind.WrongMiniProgram => new ProblemDetails { Status = 403, Type = ProblemTypes.WrongMiniProgram },
            OrderErrorKind.TotalMismatch => new ProblemDetails { Status = 400, Type = ProblemTypes.TotalMismatch },
            OrderErrorKind.NotFound => new ProblemDetails { Status = 404, Type = ProblemTypes.NotFound },
            OrderErrorKind.WrongState => new ProblemDetails { Status = 409, Type = ProblemTypes.WrongState },
            OrderErrorKind.TooManyOpenOrders => new ProblemDetails { Status = 429, Type = ProblemTypes.TooManyOpenOrders },
            OrderErrorKind.NotRefundable => new ProblemDetails { Status = 422, Type = ProblemTypes.NotRefundable },
            OrderErrorKind.WeChatFailed when error.WeChat is { } wechat => WeChatProblem(wechat, wechatOrderErrorsAreUpstream),
            _ => new ProblemDetails { Status = 502, Type = ProblemTypes.Upstream },
        };
        problem.Title ??= error.Title;
        problem.Detail ??= error.Detail;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        if (error.Expected is { } expected)
        {
            problem.Extensions[error.Kind == OrderErrorKind.NotRefundable ? "refundable" : "expected"] = expected;
        }

        if (error.Reason is not null)
        {
            problem.Extensions["reason"] = error.Reason;
        }

        if (error.OutOrderNo is not null)
        {
            problem.Extensions["outOrderNo"] = error.OutOrderNo;
        }

        if (error.Kind == OrderErrorKind.WeChatFailed)
        {
            problem.Extensions["wechatCode"] = (error.WeChat as WeChatPayApiException)?.Code;
        }

        return TypedResults.Problem(problem);
    }

    private static ProblemDetails WeChatProblem(WeChatPayException exception, bool orderErrorsAreUpstream)
    {
        var problem = exception is WeChatPayApiException api ? ProblemExceptionHandler.FromWeChat(api) : ProblemExceptionHandler.ToProblem(exception);
        if (orderErrorsAreUpstream && problem.Status is 404 or 409)
        {
            problem.Status = 502;
            problem.Type = ProblemTypes.Upstream;
        }

        problem.Title ??= "WeChat Pay error";
        problem.Detail ??= exception.Message;
        return problem;
    }
}
