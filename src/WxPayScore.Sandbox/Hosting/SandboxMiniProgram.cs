namespace WxPayScore.Sandbox;

/// <summary>A mini program known to the sandbox's <c>/sns/jscode2session</c>.</summary>
public sealed class SandboxMiniProgram
{
    public string AppId { get; set; } = string.Empty;

    public string AppSecret { get; set; } = string.Empty;
}
