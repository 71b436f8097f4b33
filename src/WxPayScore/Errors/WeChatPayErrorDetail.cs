namespace WxPayScore.Errors;

/// <summary>The optional <c>detail</c> of a WeChat error body.</summary>
public sealed record WeChatPayErrorDetail
{
    /// <summary>JSON Pointer into the body, or the parameter name for path/query errors.</summary>
    public string? Field { get; init; }

    /// <summary>The value WeChat refused, when given.</summary>
    public string? Value { get; init; }

    /// <summary>What is wrong with it.</summary>
    public string? Issue { get; init; }

    /// <summary><c>body</c>, <c>query</c> or <c>path</c>.</summary>
    public string? Location { get; init; }
}
