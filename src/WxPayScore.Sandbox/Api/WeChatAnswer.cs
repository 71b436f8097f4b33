using WxPayScore.Sandbox.Orders.Wire;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Sandbox.Api;

/// <summary>What a WeChat API handler answers before signing: status and exact body bytes.</summary>
internal sealed record WeChatAnswer(int Status, byte[] Body)
{
    public static WeChatAnswer NoContent { get; } = new(204, []);

    public static WeChatAnswer Order(ServiceOrder order) => new(200, WireWriter.Order(order));
}
