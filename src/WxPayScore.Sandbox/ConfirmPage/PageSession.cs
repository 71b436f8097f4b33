using WxPayScore.Sandbox.Orders;

namespace WxPayScore.Sandbox.ConfirmPage;

/// <summary>One opening of the confirm page: the order (null when the package was refused), the user, where to go back.</summary>
internal sealed record PageSession(string Id, OrderRecord? Order, string User, string? ReturnUrl, string? Error)
{
    public string? Message { get; set; }
}
