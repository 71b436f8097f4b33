using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Sessions;

/// <summary>
/// <c>Authorization: Bearer &lt;session token&gt;</c> → a principal with the caller's mini program (AppID) and openid. Runs in the authentication
/// middleware, so an unauthenticated request is answered 401 before its body is read.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SessionTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = tokens.Validate(header[BearerPrefix.Length..].Trim());
        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid or expired session token"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(SessionAuthentication.AppIdClaim, user.AppId), new Claim(SessionAuthentication.OpenIdClaim, user.OpenId)], SessionAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SessionAuthentication.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not logged in",
            result.None
                ? "Send the session token from POST /api/session as 'Authorization: Bearer <token>'."
                : "The session token is invalid or expired; log in again (POST /api/session).",
            ProblemTypes.Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This caller may not use this endpoint.", ProblemTypes.Unauthorized);
}
