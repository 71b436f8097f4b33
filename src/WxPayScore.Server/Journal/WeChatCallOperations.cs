using WxPayScore.ServiceOrders;

namespace WxPayScore.Server.Journal;

/// <summary>The journal's names of WeChat calls (<see cref="Persistence.WeChatCallRecord.Operation"/>) and what each addresses.</summary>
public static class WeChatCallOperations
{
    public const string Create = "create";
    public const string Query = "query";
    public const string QueryByQueryId = "query_by_query_id";
    public const string Cancel = "cancel";
    public const string Modify = "modify";
    public const string Complete = "complete";
    public const string Pay = "pay";
    public const string Sync = "sync";
    public const string Login = "jscode2session";

    /// <summary>The SDK's platform-certificate download (certificate mode only).</summary>
    public const string Certificates = "certificates";

    /// <summary>Calls that change nothing at WeChat: one interrupted by a stop needs no repair.</summary>
    public static IReadOnlyList<string> ReadOnly { get; } = [Query, QueryByQueryId, Login, Certificates];

    /// <summary>The journal's name of a service-order call.</summary>
    public static string Of(ServiceOrderOperation operation) => operation switch
    {
        ServiceOrderOperation.Create => Create,
        ServiceOrderOperation.Query => Query,
        ServiceOrderOperation.QueryByQueryId => QueryByQueryId,
        ServiceOrderOperation.Cancel => Cancel,
        ServiceOrderOperation.Complete => Complete,
        ServiceOrderOperation.Modify => Modify,
        ServiceOrderOperation.Pay => Pay,
        ServiceOrderOperation.Sync => Sync,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a service-order operation."),
    };

    /// <summary>The login exchange without its query string (which carries the AppSecret and the user's code).</summary>
    public const string LoginTarget = "GET /sns/jscode2session";
}
