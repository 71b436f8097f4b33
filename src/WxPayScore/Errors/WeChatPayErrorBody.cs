namespace WxPayScore.Errors;

/// <summary>WeChat's error body: <c>{ code, message, detail }</c>.</summary>
public sealed record WeChatPayErrorBody
{
    /// <summary>WeChat's machine code, e.g. <c>PARAM_ERROR</c>.</summary>
    public string? Code { get; init; }

    /// <summary>WeChat's human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>The field at fault, when WeChat says.</summary>
    public WeChatPayErrorDetail? Detail { get; init; }
}
