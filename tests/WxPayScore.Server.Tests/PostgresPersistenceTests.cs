using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The persistence tests on PostgreSQL (WXPAYSCORE_TEST_POSTGRES); reported as skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresPersistenceTests(PersistenceFixture<PostgresTestStorage> fixture)
    : PersistenceTests<PostgresTestStorage>(fixture), IClassFixture<PersistenceFixture<PostgresTestStorage>>;
