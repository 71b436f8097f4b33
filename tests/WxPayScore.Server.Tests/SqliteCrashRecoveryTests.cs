using WxPayScore.Server.Tests.Infrastructure;

namespace WxPayScore.Server.Tests;

/// <summary>The crash-recovery test on a SQLite file.</summary>
public sealed class SqliteCrashRecoveryTests(SandboxFixture sandbox)
    : CrashRecoveryTests<SqliteTestStorage>(sandbox), IClassFixture<SandboxFixture>;
