using System.Globalization;

namespace WxPayScore.Server.Problems;

/// <summary>Fills in title, type and detail of problems produced by the framework itself (status-code pages), so each says what is wrong.</summary>
public static class ProblemDefaults
{
    public static void Fill(ProblemDetailsContext context, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        problem.Detail = status switch
        {
            StatusCodes.Status413PayloadTooLarge => string.Create(CultureInfo.InvariantCulture,
                $"The request body is larger than allowed ({maxBodyBytes} bytes for the API, 1 MiB elsewhere)."),
            StatusCodes.Status404NotFound => $"There is no endpoint at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
            StatusCodes.Status400BadRequest => "The request is malformed.",
            _ => problem.Title,
        };
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
        {
            problem.Type = ProblemTypes.For(status);
        }
    }
}
