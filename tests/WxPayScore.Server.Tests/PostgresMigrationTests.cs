using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The migration tests on PostgreSQL databases (WXPAYSCORE_TEST_POSTGRES); skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresMigrationTests(SandboxFixture sandbox)
    : MigrationTests<PostgresTestStorage>(sandbox), IClassFixture<SandboxFixture>;
