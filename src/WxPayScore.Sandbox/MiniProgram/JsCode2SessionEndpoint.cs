using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxPayScore.Sandbox.Hosting;
using WxPayScore.Sandbox.Json;

namespace WxPayScore.Sandbox.MiniProgram;

/// <summary><c>GET /sns/jscode2session?appid&amp;secret&amp;js_code&amp;grant_type=authorization_code</c>: always HTTP 200.</summary>
internal static class JsCode2SessionEndpoint
{
    public const string Path = "/sns/jscode2session";

    public static Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<SandboxRuntime>();
        runtime.EnsureStarted();
        var query = context.Request.Query;
        var answer = runtime.Logins.Exchange(
            Value(query, "appid"), Value(query, "secret"), Value(query, "js_code"), Value(query, "grant_type"));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, SandboxJsonContext.Web.Code2SessionAnswer), context.RequestAborted);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
