namespace WxPayScore.Server.Embedded;

/// <summary>The merchant identity the server registers in its embedded sandbox (keys live in the data folder).</summary>
public sealed record EmbeddedIdentity(
    string MchId,
    string SubMchId,
    string ServiceId,
    string AppId,
    string AppSecret,
    string MerchantSerialNumber,
    string MerchantPrivateKeyPath,
    string MerchantPublicKeyPath,
    string ApiV3Key,
    string AdminApiKey)
{
    /// <summary>Sample identifiers of the spec (payscore-partner-api.md §2.3a), so logs read like the documentation.</summary>
    public const string DefaultMchId = Sandbox.SandboxDemoMerchant.DefaultMchId;
    public const string DefaultSubMchId = Sandbox.SandboxDemoMerchant.DefaultSubMchId;
    public const string DefaultServiceId = Sandbox.SandboxDemoMerchant.DefaultServiceId;
    public const string DefaultAppId = Sandbox.SandboxDemoMerchant.DefaultAppId;
}
