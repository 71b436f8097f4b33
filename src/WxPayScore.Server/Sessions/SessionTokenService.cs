using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Configuration;

namespace WxPayScore.Server.Sessions;

/// <summary>
/// Issues and checks the bearer tokens handed to the mini program: <c>v2.{base64url(appid|openid|expiry)}.{base64url(HMAC-SHA256)}</c>.
/// A token is bound to one mini program (AppID) and one openid within it, and expires (by the injected <see cref="TimeProvider"/>). The key comes from
/// <c>Sessions:SigningKey</c> or is generated once into the data folder.
/// </summary>
public sealed class SessionTokenService
{
    public const string KeyFileName = "session-signing.key";
    private const string Version = "v2";
    private readonly byte[] key;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;

    public SessionTokenService(IOptions<SessionTokenOptions> options, IOptions<ServerOptions> server, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(environment);
        this.time = time;
        lifetime = options.Value.Lifetime;
        key = options.Value.SigningKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : LoadOrCreateKey(DataPaths.Resolve(environment, server.Value.DataPath));
    }

    public TimeSpan Lifetime => lifetime;

    public (string Token, DateTimeOffset ExpiresAt) Issue(string appId, string openId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentException.ThrowIfNullOrEmpty(openId);
        if (appId.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("An AppID has no '|'.", nameof(appId));
        }

        var expiresAt = time.GetUtcNow().Add(lifetime);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            appId + "|" + openId + "|" + expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var signed = Version + "." + payload;
        return (signed + "." + Base64Url.EncodeToString(Sign(signed)), DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>The mini program and openid of a valid, unexpired token; null for anything else (never throws for bad input).</summary>
    public SessionUser? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return null;
        }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1])))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(payload);
        var bar = text.LastIndexOf('|');
        var first = text.IndexOf('|', StringComparison.Ordinal);
        if (first <= 0 || bar <= first + 1 || !long.TryParse(text.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= expires ? null : new SessionUser(text[..first], text[(first + 1)..bar]);
    }

    private byte[] Sign(string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));

    private static byte[] LoadOrCreateKey(string dataPath)
    {
        var path = Path.Combine(dataPath, KeyFileName);
        return Convert.FromBase64String(SecretFiles.WriteIfAbsent(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }
}
