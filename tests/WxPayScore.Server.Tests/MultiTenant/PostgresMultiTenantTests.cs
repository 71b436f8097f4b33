using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>Sub-merchants, mini programs and devices on PostgreSQL (WXPAYSCORE_TEST_POSTGRES; skipped with the reason when it is not set).</summary>
[RequiresPostgres]
public sealed class PostgresMultiTenantTests(MultiTenantFixture<PostgresTestStorage> fixture)
    : MultiTenantTests<PostgresTestStorage>(fixture), IClassFixture<MultiTenantFixture<PostgresTestStorage>>;
