using System.Collections.Concurrent;
using System.Security.Cryptography;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Persistence;

namespace WxPayScore.Sandbox.MiniProgram;

/// <summary>
/// <c>wx.login</c> codes of simulated users and their exchange by <c>GET /sns/jscode2session</c> (miniprogram-confirm.md
/// appendix A): single use, valid about 5 minutes of business time, bound to one AppID.
/// </summary>
internal sealed class LoginCodeBook
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, LoginCodeRecord> codes = new(StringComparer.Ordinal);
    private readonly SandboxClock clock;
    private readonly MerchantRegistry registry;
    private readonly ISandboxStore store;

    public LoginCodeBook(SandboxClock clock, MerchantRegistry registry, ISandboxStore store)
    {
        this.clock = clock;
        this.registry = registry;
        this.store = store;
    }

    public void Restore(IEnumerable<LoginCodeRecord> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var code in saved)
        {
            codes[code.Code] = code;
        }
    }

    public SandboxLoginCode Issue(string user, string appId)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "user is required.");
        }

        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new SandboxControlException(400, "PARAM_ERROR", "appid is required.");
        }

        var record = new LoginCodeRecord
        {
            Code = "0" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 31),
            AppId = appId,
            User = user,
            OpenId = SandboxUsers.OpenIdFor(appId, user),
            IssuedAt = clock.UtcNow,
        };
        codes[record.Code] = record;
        store.SaveLoginCode(record);
        return new SandboxLoginCode(record.Code, record.OpenId);
    }

    public Code2SessionAnswer Exchange(string? appId, string? secret, string? code, string? grantType)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return Error(41002, "appid missing");
        }

        if (string.IsNullOrEmpty(secret))
        {
            return Error(41004, "appsecret missing");
        }

        if (string.IsNullOrEmpty(code))
        {
            return Error(41008, "missing code");
        }

        if (grantType != "authorization_code")
        {
            return Error(40002, "invalid grant_type");
        }

        var expected = registry.FindAppSecret(appId);
        if (expected is null)
        {
            return Error(40013, "invalid appid");
        }

        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(secret)))
        {
            return Error(40125, "invalid appsecret");
        }

        // Single use: a code is consumed by its first exchange, successful or not.
        if (!codes.TryRemove(code, out var record))
        {
            return Error(40029, "invalid code");
        }

        store.DeleteLoginCode(code);
        if (record.AppId != appId || clock.UtcNow - record.IssuedAt > Lifetime)
        {
            return Error(40029, "invalid code");
        }

        return new Code2SessionAnswer
        {
            OpenId = record.OpenId,
            SessionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
        };
    }

    public void RunDue(DateTimeOffset now)
    {
        foreach (var record in codes.Values.Where(c => now - c.IssuedAt > Lifetime * 4))
        {
            if (codes.TryRemove(record.Code, out _))
            {
                store.DeleteLoginCode(record.Code);
            }
        }
    }

    private static Code2SessionAnswer Error(int code, string message) =>
        new() { ErrCode = code, ErrMsg = message + ", rid: " + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() };
}
