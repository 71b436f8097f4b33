namespace WxPayScore.Tests.Infrastructure;

/// <summary>How the stub WeChat signs a reply.</summary>
public enum StubSignature
{
    /// <summary>Signed correctly over the exact bytes sent.</summary>
    Valid,

    /// <summary>No Wechatpay-* headers at all.</summary>
    None,

    /// <summary>Headers present, signature computed over different bytes.</summary>
    WrongBytes,

    /// <summary>Headers present, signature made with a key WeChat does not own.</summary>
    WrongKey,

    /// <summary>A WECHATPAY/SIGNTEST/ probe signature.</summary>
    Probe,
}
