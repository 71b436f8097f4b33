using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests.MultiTenant;

/// <summary>Metrics per sub-merchant on a real SQLite file.</summary>
[Collection(nameof(TelemetryGroup))]
public sealed class SqliteSubMerchantMetricsTests(MultiTenantFixture<SqliteTestStorage> fixture)
    : SubMerchantMetricsTests<SqliteTestStorage>(fixture), IClassFixture<MultiTenantFixture<SqliteTestStorage>>;
