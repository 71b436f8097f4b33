using System.Security.Claims;

namespace WxPayScore.Server.Sessions;

/// <summary>The session bearer scheme (tokens from <c>POST /api/session</c>) and its policy; the caller's AppID and openid as claims.</summary>
public static class SessionAuthentication
{
    public const string Scheme = "Session";
    public const string Policy = "MiniProgramUser";
    public const string OpenIdClaim = "openid";
    public const string AppIdClaim = "appid";

    /// <summary>The caller: the mini program they logged in from and their openid there.</summary>
    public static SessionUser UserOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var openId = OpenIdOf(http);
        return new SessionUser(http.User.FindFirstValue(AppIdClaim) ?? throw new InvalidOperationException("The session has no AppID."), openId);
    }

    public static string OpenIdOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return OpenIdOf(http.User) ?? throw new InvalidOperationException("The endpoint does not require the session policy.");
    }

    public static string? OpenIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.AuthenticationType == Scheme ? user.FindFirstValue(OpenIdClaim) : null;
    }
}
