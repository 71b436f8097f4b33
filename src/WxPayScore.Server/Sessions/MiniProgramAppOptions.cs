namespace WxPayScore.Server.Sessions;

/// <summary>One mini program (<c>MiniPrograms:{appId}</c>).</summary>
public sealed class MiniProgramAppOptions
{
    /// <summary>Secret; never logged.</summary>
    public string AppSecret { get; set; } = string.Empty;
}
