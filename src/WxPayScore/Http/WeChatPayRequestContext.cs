namespace WxPayScore.Http;

/// <summary>Per-request values carried in <see cref="HttpRequestMessage.Options"/> between the SDK's handlers.</summary>
internal static class WeChatPayRequestContext
{
    /// <summary>The exact body bytes sent (signed as they are, on every attempt).</summary>
    public static readonly HttpRequestOptionsKey<byte[]> Body = new("WxPayScore.Body");

    /// <summary>Set after a connection-level failure: the next attempts go to the backup host.</summary>
    public static readonly HttpRequestOptionsKey<bool> UseBackupHost = new("WxPayScore.UseBackupHost");

    /// <summary>The <c>Wechatpay-Serial</c> a call must send: the key its encrypted fields were encrypted with.</summary>
    public static readonly HttpRequestOptionsKey<string> Serial = new("WxPayScore.Serial");
}
