using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Problems;
using WxPayScore.Server.Security;

namespace WxPayScore.Server.Admin;

/// <summary>
/// <c>X-Api-Key</c> → the admin principal. A client address with too many failures (<c>RateLimits:AdminAuthFailures*</c>)
/// is answered 429 without its key even being compared, so the key cannot be guessed at speed.
/// </summary>
public sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminApiKey key, AdminAuthFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string LockedOutItem = "wxpayscore.admin.locked-out";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var given = Request.Headers[AdminAuthentication.HeaderName].ToString();
        if (string.IsNullOrEmpty(given))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = ClientAddress.Of(Context);
        if (failures.IsLockedOut(client, out var retryAfter))
        {
            Context.Items[LockedOutItem] = retryAfter;
            return Task.FromResult(AuthenticateResult.Fail("too many failed admin authentications"));
        }

        if (!key.Matches(given))
        {
            failures.RecordFailure(client);
            Logger.LogWarning("Admin authentication failed from {Client}", client);
            return Task.FromResult(AuthenticateResult.Fail("wrong admin key"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], AdminAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminAuthentication.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Context.Items[LockedOutItem] is TimeSpan retryAfter)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                "Too many wrong admin keys from this address; wait before trying again.", ProblemTypes.TooManyRequests);
            return;
        }

        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Admin API key required",
            result.None ? $"Send the admin key in the {AdminAuthentication.HeaderName} header." : $"The {AdminAuthentication.HeaderName} header does not match Admin:ApiKey.",
            ProblemTypes.Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This caller may not use the admin API.", ProblemTypes.Unauthorized);
}
