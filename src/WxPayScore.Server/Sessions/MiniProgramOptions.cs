namespace WxPayScore.Server.Sessions;

/// <summary>The mini program whose users log in (section <c>MiniProgram</c>), for <c>jscode2session</c>.</summary>
public sealed class MiniProgramOptions
{
    public const string SectionName = "MiniProgram";
    public const string DefaultBaseUrl = "https://api.weixin.qq.com";

    public string AppId { get; set; } = string.Empty;

    /// <summary>Secret; never logged.</summary>
    public string AppSecret { get; set; } = string.Empty;

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
