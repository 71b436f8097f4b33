namespace WxPayScore.Cli.Tests.Infrastructure;

/// <summary>Every test class shares one sandbox and runs one after another (fault rules and the clock are global).</summary>
[CollectionDefinition(Name)]
public sealed class CliTestGroup : ICollectionFixture<SandboxFixture>
{
    public const string Name = "wxpayscore against the sandbox";
}
