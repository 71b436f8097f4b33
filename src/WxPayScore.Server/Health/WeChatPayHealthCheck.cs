using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WxPayScore.Configuration;
using WxPayScore.Server.Sessions;

namespace WxPayScore.Server.Health;

/// <summary>
/// WeChat Pay (or the sandbox) and the mini-program login host answer a known probe as WeChat does: an unsigned
/// <c>GET /v3/certificates</c> (WeChat: 401, the signature is missing) and a bare <c>GET /sns/jscode2session</c>
/// (WeChat: 200 with an errcode). A 404 or a 5xx there is not WeChat answering: degraded, saying why.
/// </summary>
public sealed class WeChatPayHealthCheck : IHealthCheck
{
    public const string HttpClientName = "health";
    public const string WeChatPayProbe = "/v3/certificates";
    public const string MiniProgramProbe = "/sns/jscode2session";
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
        var results = await Task.WhenAll(
            ProbeAsync("wechatPay", wechatPay.BaseUrl, WeChatPayProbe, cancellationToken),
            ProbeAsync("miniProgram", miniProgram.BaseUrl, MiniProgramProbe, cancellationToken));
        var data = results.ToDictionary(r => r.Name, r => (object)r.Text);
        if (results.Any(r => r.Status == HealthStatus.Unhealthy))
        {
            return HealthCheckResult.Unhealthy("Not reachable: " + string.Join("; ", results.Where(r => r.Status == HealthStatus.Unhealthy).Select(r => r.Text)), data: data);
        }

        return results.Any(r => r.Status == HealthStatus.Degraded)
            ? HealthCheckResult.Degraded("Not answering as WeChat does: " + string.Join("; ", results.Where(r => r.Status == HealthStatus.Degraded).Select(r => r.Text)), data: data)
            : HealthCheckResult.Healthy("WeChat Pay and mini-program login answer their probes", data);
    }

    private async Task<(string Name, HealthStatus Status, string Text)> ProbeAsync(string name, string baseUrl, string probe, CancellationToken cancellationToken)
    {
        var url = baseUrl.TrimEnd('/') + probe;
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => (name, HealthStatus.Degraded, $"{url} answered 404: no such endpoint there, so this is not WeChat's API (check the base URL)"),
                _ when status >= 500 => (name, HealthStatus.Degraded, $"{url} answered {status}: the upstream has trouble"),
                _ => (name, HealthStatus.Healthy, $"{url} answered {status}, as expected without credentials"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return (name, HealthStatus.Unhealthy, $"{url}: {ex.Message}");
        }
    }
}
