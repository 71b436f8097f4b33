using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Diagnostics;

/// <summary>
/// <c>wxpayscore.server.orders</c>: the stored orders per phase and sub-merchant, counted when a metric reader collects (one grouped
/// query per collection, every export interval). Registered only when metrics are exported.
/// </summary>
public sealed class OrderPhaseMetrics : IHostedService
{
    private readonly IMeterFactory meters;
    private readonly IDbContextFactory<PayScoreDbContext> databases;
    private readonly ILogger<OrderPhaseMetrics> logger;
    private Meter? meter;

    public OrderPhaseMetrics(IMeterFactory meters, IDbContextFactory<PayScoreDbContext> databases, ILogger<OrderPhaseMetrics> logger)
    {
        this.meters = meters;
        this.databases = databases;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meter = meters.Create(ServerDiagnostics.Name, "1.0.0");
        meter.CreateObservableGauge("wxpayscore.server.orders", Observe, unit: "{order}", description: "Stored orders, by phase and sub-merchant");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        try
        {
            using var db = databases.CreateDbContext();
            return db.Orders.AsNoTracking().GroupBy(o => new { o.Phase, o.SubMerchantKey })
                .Select(g => new { g.Key.Phase, g.Key.SubMerchantKey, Count = g.LongCount() }).ToList()
                .GroupBy(c => (c.Phase, SubMerchant: SubMerchantTag.ValueOf(c.SubMerchantKey)))
                .Select(g => new Measurement<long>(g.Sum(c => c.Count),
                    new KeyValuePair<string, object?>("phase", g.Key.Phase.ToStoredName()), new KeyValuePair<string, object?>(SubMerchantTag.Name, g.Key.SubMerchant)))
                .ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not count the orders per phase for the metrics");
            return [];
        }
    }
}
