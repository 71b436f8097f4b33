using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The persistence tests on a real SQLite file (the default storage).</summary>
public sealed class SqlitePersistenceTests(PersistenceFixture<SqliteTestStorage> fixture)
    : PersistenceTests<SqliteTestStorage>(fixture), IClassFixture<PersistenceFixture<SqliteTestStorage>>;
