using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>Sub-merchants, mini programs and devices on a real SQLite file.</summary>
public sealed class SqliteMultiTenantTests(MultiTenantFixture<SqliteTestStorage> fixture)
    : MultiTenantTests<SqliteTestStorage>(fixture), IClassFixture<MultiTenantFixture<SqliteTestStorage>>;
