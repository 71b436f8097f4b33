using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>Hands out the configured provider's context (pooled) as the provider-neutral <see cref="PayScoreDbContext"/>.</summary>
/// <typeparam name="TContext">The provider's context type.</typeparam>
public sealed class PayScoreDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PayScoreDbContext>
    where TContext : PayScoreDbContext
{
    public PayScoreDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PayScoreDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
