using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>Metrics per sub-merchant on PostgreSQL (WXPAYSCORE_TEST_POSTGRES; skipped with the reason when it is not set).</summary>
[RequiresPostgres]
[Collection(nameof(TelemetryGroup))]
public sealed class PostgresSubMerchantMetricsTests(MultiTenantFixture<PostgresTestStorage> fixture)
    : SubMerchantMetricsTests<PostgresTestStorage>(fixture), IClassFixture<MultiTenantFixture<PostgresTestStorage>>;
