namespace WxPayScore.Errors;

/// <summary>WeChat's error body: <c>{ code, message, detail }</c>.</summary>
public sealed record WeChatPayErrorBody
{
    public string? Code { get; init; }

    public string? Message { get; init; }

    public WeChatPayErrorDetail? Detail { get; init; }
}
