using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The journal tests on PostgreSQL (WXPAYSCORE_TEST_POSTGRES); skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresJournalTests(PersistenceFixture<PostgresTestStorage> fixture)
    : JournalTests<PostgresTestStorage>(fixture), IClassFixture<PersistenceFixture<PostgresTestStorage>>;
