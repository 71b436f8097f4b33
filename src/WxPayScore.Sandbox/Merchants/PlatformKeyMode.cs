namespace WxPayScore.Sandbox.Merchants;

/// <summary>Which of the sandbox's two key ids signs a merchant's answers and callbacks (<see cref="SandboxServiceProvider.PlatformKeyMode"/>).</summary>
internal enum PlatformKeyMode
{
    /// <summary>The serial the request asked for (<c>Wechatpay-Serial</c>), else the last one asked, else the public-key id.</summary>
    Auto,

    /// <summary>Always <c>PUB_KEY_ID_…</c>.</summary>
    PublicKey,

    /// <summary>Always the platform certificate serial.</summary>
    Certificate,
}
