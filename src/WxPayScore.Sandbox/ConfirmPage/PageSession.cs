using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>One opening of the confirm page: the order (null when the package was refused), the user, where to go back.</summary>
internal sealed record PageSession(string Id, OrderRecord? Order, string User, string? ReturnUrl, string? Error)
{
    public string? Message { get; set; }

    /// <summary>The wording shown in <c>#error</c> when the page refused to open (<see cref="Error"/> set).</summary>
    public string Refusal { get; init; } = ConfirmPageRenderer.RefusedText;

    /// <summary>The user rejected the order or the assessment refused it on this page: only the exits are left.</summary>
    public PageOutcome? Outcome { get; set; }
}

/// <summary>How a confirm page ended without a confirmation (the order stays CREATED, no callback).</summary>
internal enum PageOutcome
{
    /// <summary><c>#reject</c>: the user declined the order.</summary>
    Rejected,

    /// <summary><c>#refuse</c>: Pay Score's risk assessment refused the user (综合评估未通过).</summary>
    Refused,
}
