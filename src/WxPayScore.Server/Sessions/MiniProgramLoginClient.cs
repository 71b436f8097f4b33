using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WxPayScore.Server.Persistence;
using WxPayScore.Server.Journal;
using WxPayScore.Server.Diagnostics;

namespace WxPayScore.Server.Sessions;

/// <summary>
/// <c>GET {MiniProgram:BaseUrl}/sns/jscode2session</c> (miniprogram-confirm.md appendix A): exchanges a <c>wx.login</c>
/// code of one of the configured mini programs (<c>MiniPrograms</c>) for the user's openid there. The AppSecret and the session_key never leave this class (nor reach a log); the call
/// is journaled like every WeChat call, without its query string.
/// </summary>
public sealed class MiniProgramLoginClient
{
    private readonly HttpClient http;
    private readonly MiniProgramOptions options;
    private readonly IReadOnlyDictionary<string, string> secrets;
    private readonly WeChatCallJournal journal;
    private readonly TimeProvider time;
    private readonly ILogger<MiniProgramLoginClient> logger;

    public MiniProgramLoginClient(HttpClient http, IOptions<MiniProgramOptions> options, WeChatCallJournal journal, TimeProvider time,
        ILogger<MiniProgramLoginClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options.Value;
        secrets = this.options.Secrets();
        this.journal = journal;
        this.time = time;
        this.logger = logger;
        http.Timeout = this.options.Timeout;
    }

    public async Task<MiniProgramLoginResult> LoginAsync(string appId, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(code);
        if (!secrets.TryGetValue(appId, out var secret))
        {
            throw new InvalidOperationException($"No secret for the mini program {appId}; the caller checks the AppID first.");
        }

        var call = await journal.StartAsync(null, WeChatCallOperation.Login, WeChatCallOperation.LoginTarget, cancellationToken);
        MiniProgramLoginResult result;
        try
        {
            result = await ExchangeAsync(appId, secret, code, call, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            WeChatCallJournal.Failed(call, ex, time.GetUtcNow().ToUnixTimeMilliseconds());
            await journal.CompleteAsync(call);
            throw;
        }

        call.CompletedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        ServerDiagnostics.CountJournalCall(call, call.ErrorCode);
        await journal.CompleteAsync(call);
        return result;
    }

    /// <summary>Whether <paramref name="appId"/> is a configured mini program.</summary>
    public bool Knows(string appId) => secrets.ContainsKey(appId);

    /// <summary>The configured mini programs' AppIDs.</summary>
    public IReadOnlyList<string> AppIds => [.. secrets.Keys.Order(StringComparer.Ordinal)];

    private async Task<MiniProgramLoginResult> ExchangeAsync(string appId, string secret, string code, WeChatCallRecord call, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(options.BaseUrl.TrimEnd('/') + "/"),
            "sns/jscode2session?appid=" + Uri.EscapeDataString(appId) +
            "&secret=" + Uri.EscapeDataString(secret) +
            "&js_code=" + Uri.EscapeDataString(code) +
            "&grant_type=authorization_code");
        Code2SessionAnswer? answer;
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            call.HttpStatus = (int)response.StatusCode;
            call.Outcome = WeChatCallOutcome.ApiError;
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("jscode2session answered HTTP {Status}", (int)response.StatusCode);
                return MiniProgramLoginResult.Unavailable($"WeChat login answered HTTP {(int)response.StatusCode}.");
            }

            answer = await response.Content.ReadFromJsonAsync<Code2SessionAnswer>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("jscode2session failed: {Error}", ex.Message);
            call.Outcome = WeChatCallOutcome.Unknown;
            call.ErrorMessage = ex.Message.Replace(secret, "***", StringComparison.Ordinal);
            return MiniProgramLoginResult.Unavailable("WeChat login did not answer.");
        }

        if (answer is null)
        {
            return MiniProgramLoginResult.Unavailable("WeChat login answered nothing.");
        }

        if (answer.ErrCode is null or 0 && !string.IsNullOrEmpty(answer.OpenId))
        {
            call.Outcome = WeChatCallOutcome.Ok;
            return MiniProgramLoginResult.Success(answer.OpenId);
        }

        call.ErrorCode = answer.ErrCode?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        call.ErrorMessage = answer.ErrMsg is { Length: > 1000 } text ? text[..1000] : answer.ErrMsg;

        logger.LogInformation("jscode2session refused the code: errcode {ErrCode} {ErrMsg}", answer.ErrCode, answer.ErrMsg);
        return answer.ErrCode switch
        {
            45011 => MiniProgramLoginResult.Refused(429, $"WeChat login rate limit (errcode 45011): {answer.ErrMsg}"),
            -1 => MiniProgramLoginResult.Unavailable($"WeChat login is busy (errcode -1): {answer.ErrMsg}"),
            40226 => MiniProgramLoginResult.Refused(403, $"WeChat blocked this user (errcode 40226): {answer.ErrMsg}"),
            40029 or 40163 => MiniProgramLoginResult.Refused(401, $"The login code is invalid, expired or already used (errcode {answer.ErrCode}): {answer.ErrMsg}"),
            _ => MiniProgramLoginResult.Refused(401, $"WeChat login refused the code (errcode {answer.ErrCode}): {answer.ErrMsg}"),
        };
    }

    private sealed record Code2SessionAnswer
    {
        [JsonPropertyName("openid")]
        public string? OpenId { get; init; }

        [JsonPropertyName("errcode")]
        public int? ErrCode { get; init; }

        [JsonPropertyName("errmsg")]
        public string? ErrMsg { get; init; }
    }
}
