using Xunit.Abstractions;
using Xunit.Sdk;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>An xUnit test case whose skip reason is decided at discovery (PostgreSQL configured or not).</summary>
public sealed class StorageTestCase : XunitTestCase
{
    private string? skipReason;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StorageTestCase()
    {
    }

    public StorageTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string? skipReason)
        : base(diagnostics, display, displayOptions, testMethod)
    {
        this.skipReason = skipReason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("StorageSkipReason", skipReason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        skipReason = data.GetValue<string>("StorageSkipReason");
        base.Deserialize(data);
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => skipReason ?? base.GetSkipReason(factAttribute);
}
