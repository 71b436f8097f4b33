namespace WxPayScore.Server.Admin;

/// <summary>The admin API key scheme (<c>X-Api-Key</c>) and its policy.</summary>
public static class AdminAuthentication
{
    public const string Scheme = "AdminApiKey";
    public const string Policy = "Admin";
    public const string HeaderName = "X-Api-Key";
}
