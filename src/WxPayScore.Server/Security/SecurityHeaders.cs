namespace WxPayScore.Server.Security;

/// <summary>
/// Headers on every answer: no MIME sniffing, no framing, no referrer; on every HTML page a Content-Security-Policy
/// without inline script (the API docs page's one script carries a per-request nonce).
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The docs page (Scalar): its loader script by nonce, its generated styles inline; nothing from another host.</summary>
    public static string DocsPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((http, next) =>
        {
            var response = http.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = http.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce
                        ? DocsPolicy(nonce)
                        : PagePolicy;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
