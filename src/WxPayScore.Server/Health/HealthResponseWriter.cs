using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WxPayScore.Server.Admin;

namespace WxPayScore.Server.Health;

/// <summary>
/// Writes <c>/health/ready</c> as JSON: the overall status for anyone; each check's description and data (upstream
/// URLs, errors) only for a caller with the admin key (<c>X-Api-Key</c>).
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var details = http.RequestServices.GetRequiredService<AdminApiKey>().Matches(http);
        object body = details
            ? new
            {
                status = report.Status.ToString(),
                durationMs = (long)report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data,
                }),
            }
            : new { status = report.Status.ToString() };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    /// <summary><c>/health/live</c>: the process answers; nothing else is said.</summary>
    public static Task WriteLiveAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync("Healthy");
    }
}
