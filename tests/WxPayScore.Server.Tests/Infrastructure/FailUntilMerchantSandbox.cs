namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>A sandbox in <c>FailUntilMerchant</c> collection mode.</summary>
public sealed class FailUntilMerchantSandbox : SandboxFixture
{
    protected override string CollectionMode => "FailUntilMerchant";
}
