using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The migration tests on SQLite files.</summary>
public sealed class SqliteMigrationTests(SandboxFixture sandbox)
    : MigrationTests<SqliteTestStorage>(sandbox), IClassFixture<SandboxFixture>;
