namespace WxPayScore.Server.Sessions;

/// <summary>
/// The mini programs whose users log in, for <c>jscode2session</c>: <c>MiniPrograms:{appId}:AppSecret</c> (<see cref="Apps"/>),
/// and the single-tenant section <c>MiniProgram</c> (<see cref="AppId"/>/<see cref="AppSecret"/>, one more entry) with
/// the login service's <see cref="BaseUrl"/> and <see cref="Timeout"/>.
/// </summary>
public sealed class MiniProgramOptions
{
    public const string SectionName = "MiniProgram";
    public const string AppsSectionName = "MiniPrograms";
    public const string DefaultBaseUrl = "https://api.weixin.qq.com";

    public string AppId { get; set; } = string.Empty;

    /// <summary>Secret; never logged.</summary>
    public string AppSecret { get; set; } = string.Empty;

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The mini programs by AppID (section <c>MiniPrograms</c>).</summary>
    public Dictionary<string, MiniProgramAppOptions> Apps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every configured mini program: AppID → AppSecret (the single-tenant entry included).</summary>
    public IReadOnlyDictionary<string, string> Secrets()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (appId, app) in Apps)
        {
            secrets[appId] = app.AppSecret;
        }

        if (!string.IsNullOrEmpty(AppId))
        {
            secrets.TryAdd(AppId, AppSecret);
        }

        return secrets;
    }
}
