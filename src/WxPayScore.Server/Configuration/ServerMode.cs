namespace WxPayScore.Server.Configuration;

/// <summary>
/// <c>Server:Mode</c>: <see cref="Embedded"/> runs the sandbox in-process and points the server at it; <see cref="Real"/>
/// talks to real WeChat Pay. Unset: in Development, Real when <c>WeChatPay:MchId</c> is set, else Embedded (so
/// <c>dotnet run</c> works with no credentials); in any other environment, Real — a deployment that loses its
/// settings stops at start-up instead of running a fake WeChat Pay.
/// </summary>
public enum ServerMode
{
    Embedded,
    Real,
}
