namespace WxPayScore.Server.Sessions;

/// <summary>The result of a <c>jscode2session</c> exchange: an openid, or an HTTP status and a reason.</summary>
public sealed record MiniProgramLoginResult(string? OpenId, int Status, string? Error)
{
    public bool IsSuccess => OpenId is not null;

    public static MiniProgramLoginResult Success(string openId) => new(openId, 200, null);

    public static MiniProgramLoginResult Refused(int status, string error) => new(null, status, error);

    public static MiniProgramLoginResult Unavailable(string error) => new(null, 503, error);
}
