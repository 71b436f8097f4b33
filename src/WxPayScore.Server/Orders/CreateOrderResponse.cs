using WxPayScore.Launch;

namespace WxPayScore.Server.Orders;

/// <summary>
/// A created order and the ready launch parameters: <c>wx.openBusinessView(openBusinessView)</c>, or the legacy
/// <c>wx.navigateToMiniProgram(navigateToMiniProgram)</c>. The package is passed unchanged.
/// </summary>
public sealed record CreateOrderResponse(
    string OutOrderNo,
    string State,
    OpenBusinessViewParameters OpenBusinessView,
    NavigateToMiniProgramParameters NavigateToMiniProgram);
