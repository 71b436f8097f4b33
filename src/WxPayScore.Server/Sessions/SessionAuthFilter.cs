using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Sessions;

/// <summary>Requires <c>Authorization: Bearer &lt;session token&gt;</c>; puts the caller's openid in the request (<see cref="OpenIdOf"/>).</summary>
public sealed class SessionAuthFilter : IEndpointFilter
{
    private const string OpenIdItem = "wxpayscore.openid";
    private readonly SessionTokenService tokens;

    public SessionAuthFilter(SessionTokenService tokens)
    {
        this.tokens = tokens;
    }

    public static string OpenIdOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[OpenIdItem] as string ?? throw new InvalidOperationException("The session filter did not run.");
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var token = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        var openId = tokens.Validate(token);
        if (openId is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            throw new ApiProblemException(401, "Not logged in",
                token is null
                    ? "Send the session token from POST /api/session as 'Authorization: Bearer <token>'."
                    : "The session token is invalid or expired; log in again (POST /api/session).",
                ProblemTypes.Unauthorized);
        }

        http.Items[OpenIdItem] = openId;
        return await next(context);
    }
}
