using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Problems;

namespace WxPayScore.Server.Admin;

/// <summary>Requires the <c>X-Api-Key</c> header to equal <c>Admin:ApiKey</c> (constant-time comparison).</summary>
public sealed class AdminApiKeyFilter : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private readonly byte[] expected;

    public AdminApiKeyFilter(IOptions<AdminOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey ?? string.Empty));
        Configured = !string.IsNullOrEmpty(options.Value.ApiKey);
    }

    private bool Configured { get; }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (!Configured || string.IsNullOrEmpty(given) ||
            !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected))
        {
            throw new ApiProblemException(401, "Admin API key required",
                string.IsNullOrEmpty(given) ? $"Send the admin key in the {HeaderName} header." : $"The {HeaderName} header does not match Admin:ApiKey.",
                ProblemTypes.Unauthorized);
        }

        return await next(context);
    }
}
