using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The crash-recovery test on PostgreSQL (WXPAYSCORE_TEST_POSTGRES); skipped with the reason when it is not set.</summary>
[RequiresPostgres]
public sealed class PostgresCrashRecoveryTests(SandboxFixture sandbox)
    : CrashRecoveryTests<PostgresTestStorage>(sandbox), IClassFixture<SandboxFixture>;
