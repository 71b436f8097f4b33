using Microsoft.Extensions.Options;

namespace WxPayScore.Server.Reconciliation;

/// <summary>Runs the <see cref="Reconciler"/> right after start-up and then every <c>Reconciler:Interval</c>.</summary>
public sealed class ReconcilerService : BackgroundService
{
    private readonly Reconciler reconciler;
    private readonly ReconcilerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ReconcilerService> logger;

    public ReconcilerService(Reconciler reconciler, IOptions<ReconcilerOptions> options, TimeProvider time, ILogger<ReconcilerService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.reconciler = reconciler;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Reconciler disabled (Reconciler:Enabled=false)");
            return;
        }

        await Task.Yield();
        try
        {
            await reconciler.MarkInterruptedCallsDueAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Reconciler: could not look for interrupted calls");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int count;
                do
                {
                    count = await reconciler.RunOnceAsync(stoppingToken);
                }
                while (count >= options.BatchSize && !stoppingToken.IsCancellationRequested);

                await reconciler.TidyJournalAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reconciler round failed");
            }

            try
            {
                await Task.Delay(options.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
