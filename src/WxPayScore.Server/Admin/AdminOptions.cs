namespace WxPayScore.Server.Admin;

/// <summary>The admin API and dashboard (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Value of the <c>X-Api-Key</c> header; required with real credentials, generated in embedded mode when empty. Never logged in real mode.</summary>
    public string ApiKey { get; set; } = string.Empty;
}
