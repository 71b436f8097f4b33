using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WxPayScore.Sandbox.Hosting;

/// <summary>Starts the sandbox with its host, then once a second applies what became due on the business clock.</summary>
internal sealed class SandboxBackgroundService : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly SandboxRuntime runtime;
    private readonly ILogger<SandboxBackgroundService> logger;

    public SandboxBackgroundService(SandboxRuntime runtime, ILogger<SandboxBackgroundService> logger)
    {
        this.runtime = runtime;
        this.logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.EnsureStarted();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    runtime.RunDue();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Running due sandbox work failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
