using Microsoft.EntityFrameworkCore;

namespace WxPayScore.Server.Persistence;

/// <summary>The model on PostgreSQL; its migrations are in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresPayScoreDbContext(DbContextOptions<PostgresPayScoreDbContext> options) : PayScoreDbContext(options);
