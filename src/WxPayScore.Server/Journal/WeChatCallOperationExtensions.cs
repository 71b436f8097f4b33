using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Journal;

/// <summary>What each journaled call addresses, and which change nothing at WeChat: <c>WeChatCallOperation.TargetOf(…)</c>, <c>WeChatCallOperation.ReadOnly</c>.</summary>
public static class WeChatCallOperationExtensions
{
    private static readonly WeChatCallOperation[] ReadOnlyOperations =
        [WeChatCallOperation.Query, WeChatCallOperation.QueryByQueryId, WeChatCallOperation.Login, WeChatCallOperation.Certificates];

    extension(WeChatCallOperation)
    {
        /// <summary>Calls that change nothing at WeChat: one interrupted by a stop needs no repair.</summary>
        public static IReadOnlyList<WeChatCallOperation> ReadOnly => ReadOnlyOperations;

        /// <summary>The login exchange without its query string (which carries the AppSecret and the user's code).</summary>
        public static string LoginTarget => "GET /sns/jscode2session";

        /// <summary>The request line of a state-changing call about an order (create has no order number in its path).</summary>
        public static string TargetOf(WeChatCallOperation operation, string outOrderNo) => operation switch
        {
            WeChatCallOperation.Create => $"POST {ServiceOrderService.BasePath}",
            WeChatCallOperation.Query => $"GET {ServiceOrderService.BasePath}?out_order_no={Uri.EscapeDataString(outOrderNo)}",
            _ => $"POST {ServiceOrderService.BasePath}/{Uri.EscapeDataString(outOrderNo)}/{operation.ToStoredName()}",
        };

        public static string QueryByQueryIdTarget(string queryId) => $"GET {ServiceOrderService.BasePath}?query_id={Uri.EscapeDataString(queryId)}";
    }
}
