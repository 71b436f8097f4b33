using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WxPayScore.Diagnostics;

/// <summary>The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/> (both named <c>WxPayScore</c>).</summary>
public static class WxPayScoreDiagnostics
{
    /// <summary>The name to subscribe to: <c>AddSource(WxPayScoreDiagnostics.Name)</c> and <c>AddMeter(WxPayScoreDiagnostics.Name)</c>.</summary>
    public const string Name = "WxPayScore";

    internal static ActivitySource ActivitySource { get; } = new(Name, "1.0.0");

    internal static Meter Meter { get; } = new(Name, "1.0.0");

    /// <summary>Requests to WeChat Pay, tagged by operation and outcome (HTTP status or error class).</summary>
    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>("wxpayscore.requests", description: "WeChat Pay API calls");

    internal static Histogram<double> RequestDuration { get; } =
        Meter.CreateHistogram<double>("wxpayscore.request.duration", unit: "s", description: "Duration of WeChat Pay API calls, retries included");

    /// <summary>Callbacks read, tagged by event type and outcome (ok or the failure reason).</summary>
    internal static Counter<long> Callbacks { get; } = Meter.CreateCounter<long>("wxpayscore.callbacks", description: "Callbacks read");
}
