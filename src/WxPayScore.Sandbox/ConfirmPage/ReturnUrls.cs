using WxPayScore.Launch;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>
/// Leaving the confirm page (docs/contracts.md): <c>scene=1038&amp;referrer_appid=wxd8f3793ea3b935b8</c>, plus
/// <c>&amp;query_id=…</c> only for the in-page return button, appended with <c>?</c> or <c>&amp;</c> (before any fragment).
/// </summary>
internal static class ReturnUrls
{
    /// <summary>
    /// Why the confirm page will not go back to <paramref name="url"/>, or null when it may: it must be an absolute
    /// http(s) URL and, when <paramref name="allowedOrigins"/> is not empty, of one of those origins.
    /// </summary>
    public static string? Refusal(string? url, IReadOnlyCollection<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "return_url must be an absolute http:// or https:// URL.";
        }

        if (allowedOrigins.Count == 0)
        {
            return null;
        }

        var origin = Origin(uri);
        return allowedOrigins.Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var a) && string.Equals(Origin(a), origin, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"return_url origin {origin} is not one of Sandbox:AllowedReturnOrigins ({string.Join(", ", allowedOrigins)}).";
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority).TrimEnd('/');

    public static string Build(string returnUrl, string? queryId)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        var parameters = $"scene={ConfirmPageReturn.ReturnScene}&referrer_appid={LaunchParameters.PayScoreAppId}" +
                         (queryId is null ? string.Empty : "&query_id=" + Uri.EscapeDataString(queryId));
        var hash = returnUrl.IndexOf('#', StringComparison.Ordinal);
        var head = hash < 0 ? returnUrl : returnUrl[..hash];
        var fragment = hash < 0 ? string.Empty : returnUrl[hash..];
        var separator = head.Contains('?', StringComparison.Ordinal) ? (head.EndsWith('?') || head.EndsWith('&') ? string.Empty : "&") : "?";
        return head + separator + parameters + fragment;
    }
}
