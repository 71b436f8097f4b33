using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>The model on SQLite; its migrations are in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqlitePayScoreDbContext(DbContextOptions<SqlitePayScoreDbContext> options) : PayScoreDbContext(options);
