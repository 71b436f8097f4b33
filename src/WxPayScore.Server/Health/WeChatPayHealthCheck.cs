using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Server.Sessions;

namespace WxPayScore.Server.Health;

/// <summary>WeChat Pay (or the sandbox) and the mini-program login host answer HTTP at all (any status counts as reachable).</summary>
public sealed class WeChatPayHealthCheck : IHealthCheck
{
    public const string HttpClientName = "health";
    private readonly IHttpClientFactory httpClientFactory;
    private readonly WxPayScoreOptions wechatPay;
    private readonly MiniProgramOptions miniProgram;

    public WeChatPayHealthCheck(IHttpClientFactory httpClientFactory, IOptions<WxPayScoreOptions> wechatPay, IOptions<MiniProgramOptions> miniProgram)
    {
        ArgumentNullException.ThrowIfNull(wechatPay);
        ArgumentNullException.ThrowIfNull(miniProgram);
        this.httpClientFactory = httpClientFactory;
        this.wechatPay = wechatPay.Value;
        this.miniProgram = miniProgram.Value;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(ProbeAsync("wechatPay", wechatPay.BaseUrl, cancellationToken), ProbeAsync("miniProgram", miniProgram.BaseUrl, cancellationToken));
        var data = results.ToDictionary(r => r.Name, r => (object)r.Text);
        return results.All(r => r.Reachable)
            ? HealthCheckResult.Healthy("WeChat Pay and mini-program login are reachable", data)
            : HealthCheckResult.Unhealthy("Not reachable: " + string.Join(", ", results.Where(r => !r.Reachable).Select(r => r.Name)), data: data);
    }

    private async Task<(string Name, bool Reachable, string Text)> ProbeAsync(string name, string baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await client.GetAsync(new Uri(baseUrl), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (name, true, $"{baseUrl} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return (name, false, $"{baseUrl}: {ex.Message}");
        }
    }
}
