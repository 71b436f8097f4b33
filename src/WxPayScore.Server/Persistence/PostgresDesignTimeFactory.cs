using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresPayScoreDbContext</c>: the model without starting the server
/// (the connection string is never opened).
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPayScoreDbContext>
{
    public PostgresPayScoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPayScoreDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
