using System.Diagnostics;
using System.Diagnostics.Metrics;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Diagnostics;

/// <summary>The server's <see cref="ActivitySource"/> and <see cref="Meter"/> (both <c>WxPayScore.Server</c>), for OpenTelemetry.</summary>
public static class ServerDiagnostics
{
    public const string Name = "WxPayScore.Server";

    public static ActivitySource ActivitySource { get; } = new(Name, "1.0.0");

    public static Meter Meter { get; } = new(Name, "1.0.0");

    public static Counter<long> OrdersCreated { get; } = Meter.CreateCounter<long>("wxpayscore.server.orders.created", description: "Orders created, by outcome");

    public static Counter<long> CallbacksProcessed { get; } = Meter.CreateCounter<long>("wxpayscore.server.callbacks", description: "Callback deliveries, by outcome");

    public static Counter<long> OrdersReconciled { get; } = Meter.CreateCounter<long>("wxpayscore.server.reconciled", description: "Orders looked at by the reconciler, by outcome");

    public static Counter<long> JournalCalls { get; } = Meter.CreateCounter<long>("wxpayscore.server.journal.calls", description: "Journaled WeChat calls, by operation and outcome");

    public static Counter<long> StateChanges { get; } = Meter.CreateCounter<long>("wxpayscore.server.state_changes", description: "Order state changes, by source and phase");

    /// <summary>Counts a journaled call once its outcome is known (tags: operation, outcome, HTTP status and WeChat code when there is one).</summary>
    public static void CountJournalCall(WeChatCallOperation operation, WeChatCallOutcome? outcome, int? httpStatus, string? weChatCode)
    {
        var tags = new TagList { { "operation", operation.ToStoredName() }, { "outcome", (outcome ?? WeChatCallOutcome.Unknown).ToStoredName() } };
        if (httpStatus is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (!string.IsNullOrEmpty(weChatCode))
        {
            tags.Add("wechat.code", weChatCode);
        }

        JournalCalls.Add(1, tags);
    }
}
