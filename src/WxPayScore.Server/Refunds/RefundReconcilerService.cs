using Microsoft.Extensions.Options;
using WxPayScore.Server.Reconciliation;

namespace WxPayScore.Server.Refunds;

/// <summary>Runs the <see cref="RefundReconciler"/> with the reconciler (<c>Reconciler:Enabled</c>, every <c>Reconciler:Interval</c>).</summary>
public sealed class RefundReconcilerService : BackgroundService
{
    private readonly RefundReconciler reconciler;
    private readonly ReconcilerOptions options;
    private readonly RefundOptions refunds;
    private readonly TimeProvider time;
    private readonly ILogger<RefundReconcilerService> logger;

    public RefundReconcilerService(RefundReconciler reconciler, IOptions<ReconcilerOptions> options, IOptions<RefundOptions> refunds, TimeProvider time,
        ILogger<RefundReconcilerService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(refunds);
        this.reconciler = reconciler;
        this.options = options.Value;
        this.refunds = refunds.Value;
        this.time = time;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await reconciler.RunOnceAsync(stoppingToken) >= refunds.BatchSize && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Refund reconciler round failed");
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
