using WxPayScore.Server.Persistence;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Journal;

/// <summary>What each journaled call addresses, and which change nothing at WeChat: <c>WeChatCallOperation.Of(…)</c>, <c>WeChatCallOperation.ReadOnly</c>.</summary>
public static class WeChatCallOperationExtensions
{
    private static readonly WeChatCallOperation[] ReadOnlyOperations =
        [WeChatCallOperation.Query, WeChatCallOperation.QueryByQueryId, WeChatCallOperation.Login, WeChatCallOperation.Certificates, WeChatCallOperation.RefundQuery];

    extension(WeChatCallOperation)
    {
        /// <summary>Calls that change nothing at WeChat: one interrupted by a stop needs no repair.</summary>
        public static IReadOnlyList<WeChatCallOperation> ReadOnly => ReadOnlyOperations;

        /// <summary>The login exchange without its query string (which carries the AppSecret and the user's code).</summary>
        public static string LoginTarget => "GET /sns/jscode2session";

        /// <summary>The journal's name of a service-order or refund call.</summary>
        public static WeChatCallOperation Of(ServiceOrderOperation operation) => operation switch
        {
            ServiceOrderOperation.Create => WeChatCallOperation.Create,
            ServiceOrderOperation.Query => WeChatCallOperation.Query,
            ServiceOrderOperation.QueryByQueryId => WeChatCallOperation.QueryByQueryId,
            ServiceOrderOperation.Cancel => WeChatCallOperation.Cancel,
            ServiceOrderOperation.Complete => WeChatCallOperation.Complete,
            ServiceOrderOperation.Modify => WeChatCallOperation.Modify,
            ServiceOrderOperation.Pay => WeChatCallOperation.Pay,
            ServiceOrderOperation.Sync => WeChatCallOperation.Sync,
            ServiceOrderOperation.RefundCreate => WeChatCallOperation.RefundCreate,
            ServiceOrderOperation.RefundQuery => WeChatCallOperation.RefundQuery,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a service-order operation."),
        };
    }
}
