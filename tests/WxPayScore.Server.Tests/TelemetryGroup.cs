namespace WxPayScore.Server.Tests;

/// <summary>
/// The telemetry tests run alone: the SDK's and the server's meters and sources are process-wide, so another test's
/// orders would otherwise count in the metrics they assert.
/// </summary>
[CollectionDefinition(nameof(TelemetryGroup), DisableParallelization = true)]
public sealed class TelemetryGroup;
