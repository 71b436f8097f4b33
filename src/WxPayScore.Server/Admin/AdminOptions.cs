using System.ComponentModel.DataAnnotations;

namespace WxPayScore.Server.Admin;

/// <summary>The admin API and dashboard (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Value of the <c>X-Api-Key</c> header; required with real credentials, generated in embedded mode when empty. Never logged in real mode.</summary>
    [Required(ErrorMessage = "Admin:ApiKey is required (the X-Api-Key of the admin API and dashboard).")]
    [MinLength(16, ErrorMessage = "Admin:ApiKey must be at least 16 characters.")]
    public string ApiKey { get; set; } = string.Empty;
}
