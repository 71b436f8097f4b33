using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WxPayScore.Server.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add … --context SqlitePayScoreDbContext</c>: the model without starting the server
/// (the connection string is never opened).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePayScoreDbContext>
{
    public SqlitePayScoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePayScoreDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
