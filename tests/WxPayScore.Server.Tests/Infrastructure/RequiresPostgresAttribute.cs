namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>
/// On a test class: its <see cref="StorageFactAttribute"/> tests need PostgreSQL and are reported as skipped (with the
/// reason) when <c>WXPAYSCORE_TEST_POSTGRES</c> is not set — never silently passed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute
{
    public static string? SkipReason => PostgresTestStorage.AdminConnectionString is null
        ? $"PostgreSQL tests need the environment variable {PostgresTestStorage.Variable} (a connection string); it is not set."
        : null;
}
