namespace WxPayScore.Sandbox.Orders;

/// <summary>How the simulated user pays after a non-zero completion (<see cref="SandboxOptions.CollectionMode"/>).</summary>
internal enum CollectionMode
{
    Immediate,
    Delayed,
    FailUntilMerchant,
}
