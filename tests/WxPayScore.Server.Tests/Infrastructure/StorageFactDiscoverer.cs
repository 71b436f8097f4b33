using Xunit.Abstractions;
using Xunit.Sdk;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>Discovers <see cref="StorageFactAttribute"/> tests, looking at the concrete test class (inherited tests included).</summary>
public sealed class StorageFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink diagnostics;

    public StorageFactDiscoverer(IMessageSink diagnostics)
    {
        this.diagnostics = diagnostics;
    }

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute).AssemblyQualifiedName).Any();
        var reason = needsPostgres ? RequiresPostgresAttribute.SkipReason : null;
        yield return new StorageTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}
