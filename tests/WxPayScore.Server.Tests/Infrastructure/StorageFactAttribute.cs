using Xunit.Sdk;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A fact that is skipped, with a reason, when its class is marked <see cref="RequiresPostgresAttribute"/> and PostgreSQL is not configured.</summary>
[XunitTestCaseDiscoverer("WxPayScore.Server.Tests.Infrastructure.StorageFactDiscoverer", "WxPayScore.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute
{
}
