using Microsoft.AspNetCore.Http.Metadata;

namespace WxPayScore.Server.Security;

/// <summary>
/// The router answers 415 for a non-JSON body before authentication runs (the accepts matcher policy), which tells an
/// anonymous caller that bodies are parsed. On authenticated endpoints the router accepts any content type; the
/// endpoint's own JSON binding still answers 415, after the caller is authenticated.
/// </summary>
public static class AuthenticatedBodyConventions
{
    public const string AnyContentType = "*/*";

    public static RouteHandlerBuilder AcceptsJsonAfterAuthentication<TRequest>(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new AcceptsMetadata(["application/json", AnyContentType], typeof(TRequest), isOptional: true));
    }
}
