namespace WxPayScore.Server.Security;

/// <summary>The caller's address, as the forwarded-headers middleware left it (the real client behind a known proxy).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
