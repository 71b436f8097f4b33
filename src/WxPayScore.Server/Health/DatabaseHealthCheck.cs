using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Health;

/// <summary>The database answers a query (no counts: readiness must stay cheap and tell nothing about the business).</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IDbContextFactory<PayScoreDbContext> factory;

    public DatabaseHealthCheck(IDbContextFactory<PayScoreDbContext> factory)
    {
        this.factory = factory;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.Orders.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer: " + ex.Message);
        }
    }
}
