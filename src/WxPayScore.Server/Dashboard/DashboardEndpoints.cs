using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WxPayScore.Server.Dashboard;

/// <summary>
/// <c>GET /admin</c>: the dashboard page (no CDN, no inline script or style — the CSP of every page, Security/SecurityHeaders: <c>/admin/dashboard.js</c> and
/// <c>/admin/dashboard.css</c>), and the server's favicon (<c>/favicon.svg</c>, also answered at <c>/favicon.ico</c>) for
/// every page. The page's data comes from the admin API with X-Api-Key.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly Lazy<byte[]> Page = Resource("dashboard.html");
    private static readonly Lazy<byte[]> Script = Resource("dashboard.js");
    private static readonly Lazy<byte[]> Style = Resource("dashboard.css");
    private static readonly Lazy<byte[]> Icon = Resource("favicon.svg");

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin", ServePage).WithTags("Pages").WithName("Dashboard").ExcludeFromDescription();
        app.MapGet("/admin/dashboard.js", (HttpContext http) => Serve(http, Script, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/admin/dashboard.css", (HttpContext http) => Serve(http, Style, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/favicon.svg", (HttpContext http) => Serve(http, Icon, "image/svg+xml")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext http) => Serve(http, Icon, "image/svg+xml")).ExcludeFromDescription();
        return app;
    }

    private static FileContentHttpResult ServePage(HttpContext http)
    {
        return Serve(http, Page, "text/html; charset=utf-8");
    }

    private static FileContentHttpResult Serve(HttpContext http, Lazy<byte[]> content, string contentType)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.File(content.Value, contentType);
    }

    private static Lazy<byte[]> Resource(string fileName) => new(() =>
    {
        var name = "WxPayScore.Server.Dashboard." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
