using System.Security.Cryptography;
using System.Text;

namespace WxPayScore.Sandbox;

/// <summary>The sandbox's simulated WeChat users.</summary>
public static class SandboxUsers
{
    /// <summary>The user who confirms when the confirm page is opened without <c>user</c>.</summary>
    public const string DefaultUser = "sandbox-user";

    /// <summary>
    /// The user's openid under an AppID: <c>"o"</c> + the first 27 base64url characters of SHA-256(<c>appid + ":" + user</c>).
    /// Deterministic, so <c>/sns/jscode2session</c>, the order's <c>openid</c>/<c>sub_openid</c> and a test agree.
    /// </summary>
    public static string OpenIdFor(string appId, string user)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(user);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(appId + ":" + user));
        var text = Convert.ToBase64String(hash).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return "o" + text[..27];
    }
}
