using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WxPayScore.Sandbox.Hosting;

/// <summary>The sandbox pages' favicon (an orange "沙" for sandbox), at <c>/favicon.svg</c> and at <c>/favicon.ico</c>, where browsers look unasked.</summary>
public static class SandboxFavicon
{
    public const string Path = "/favicon.svg";

    private static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" rx=\"14\" fill=\"#fa9d3b\"/>" +
        "<text x=\"32\" y=\"45\" font-size=\"38\" font-family=\"PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif\" font-weight=\"700\" " +
        "text-anchor=\"middle\" fill=\"#fff\">沙</text></svg>");

    public static IEndpointRouteBuilder MapSandboxFavicon(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, Serve);
        endpoints.MapGet("/favicon.ico", Serve);
        return endpoints;
    }

    private static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(Svg, "image/svg+xml");
    }
}
