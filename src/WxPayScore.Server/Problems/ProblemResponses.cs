using Microsoft.AspNetCore.Mvc;

namespace WxPayScore.Server.Problems;

/// <summary>Writes a ProblemDetails answer from middleware (authentication challenges, rate-limit refusals), where no exception can be thrown.</summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string type)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type },
        });
    }
}
