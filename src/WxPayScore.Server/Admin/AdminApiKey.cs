using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Admin;

/// <summary><c>Admin:ApiKey</c>, compared in constant time (hashes of equal length); the key itself is never logged.</summary>
public sealed class AdminApiKey
{
    private readonly byte[] expected;
    private readonly bool configured;

    public AdminApiKey(IOptions<AdminOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey ?? string.Empty));
        configured = !string.IsNullOrEmpty(options.Value.ApiKey);
    }

    public bool Matches(string? given) =>
        configured && !string.IsNullOrEmpty(given) && given.Length <= 1024 &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected);

    /// <summary>Whether the request carries the right <c>X-Api-Key</c>.</summary>
    public bool Matches(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Matches(http.Request.Headers[AdminAuthentication.HeaderName].ToString());
    }
}
