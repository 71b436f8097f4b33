namespace WxPayScore.Sandbox.Hosting;

/// <summary>The wall clock given to <see cref="SandboxHost.StartAsync"/> (kept apart from any TimeProvider of a host app).</summary>
internal sealed record SandboxWallClock(TimeProvider Time);
