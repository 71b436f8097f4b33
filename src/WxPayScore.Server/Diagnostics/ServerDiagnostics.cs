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

    public static Histogram<double> JournalCallDuration { get; } = Meter.CreateHistogram<double>("wxpayscore.server.journal.call.duration", unit: "s",
        description: "Journaled WeChat calls from the row's sent time to the outcome, by operation and outcome");

    /// <summary>
    /// Counts a journaled call once its outcome is known and records its duration (tags: operation, outcome, HTTP status
    /// and WeChat code when there is one, <c>sub_merchant</c> inside an order-scoped operation, see <see cref="SubMerchantTag"/>).
    /// </summary>
    public static void CountJournalCall(WeChatCallRecord call, string? weChatCode)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tags = new TagList { { "operation", call.Operation.ToStoredName() }, { "outcome", (call.Outcome ?? WeChatCallOutcome.Unknown).ToStoredName() } };
        // The login and certificate calls belong to no order, also when an order's operation happens to trigger them.
        if (call.Operation is not (WeChatCallOperation.Login or WeChatCallOperation.Certificates) && SubMerchantTag.Current is { } subMerchant)
        {
            tags.Add(SubMerchantTag.Name, subMerchant);
        }

        if (call.CompletedAt is { } completedAt)
        {
            JournalCallDuration.Record(Math.Max(0, completedAt - call.SentAt) / 1000.0, tags);
        }

        if (call.HttpStatus is { } status)
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
