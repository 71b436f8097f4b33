using WxPayScore.Sandbox;

namespace WxPayScore.Server.Tests.Infrastructure;

/// <summary>
/// A sandbox for the refund tests: collection in the merchant's hands (<c>FailUntilMerchant</c>: one collection or parts),
/// refunds settling 1 s after they are accepted, and no interval rule between refunds of one transaction — so the tests
/// never move the business clock away from the server's (which would put a completion's end before the service's start).
/// </summary>
public sealed class RefundSandbox : SandboxFixture
{
    protected override string CollectionMode => "FailUntilMerchant";

    protected override void Configure(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RefundSuccessDelaySeconds = 1;
        options.RefundIntervalSeconds = 0;
    }
}
