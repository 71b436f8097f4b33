using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WxPayScore.Server.Dashboard;

/// <summary><c>GET /admin</c>: the dashboard page (self-contained HTML, no CDN); its data comes from the admin API with X-Api-Key.</summary>
public static class DashboardEndpoints
{
    private const string ResourceName = "WxPayScore.Server.Dashboard.dashboard.html";
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin", Serve).WithTags("Pages").WithName("Dashboard").ExcludeFromDescription();
        return app;
    }

    private static FileContentHttpResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
        return TypedResults.File(Page.Value, "text/html; charset=utf-8");
    }
}
