using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The journal tests on a real SQLite file.</summary>
public sealed class SqliteJournalTests(PersistenceFixture<SqliteTestStorage> fixture)
    : JournalTests<SqliteTestStorage>(fixture), IClassFixture<PersistenceFixture<SqliteTestStorage>>;
