using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using WxPayScore.Http;
using WxPayScore.Sandbox.Merchants;
using WxPayScore.Sandbox.Orders;
using WxPayScore.Sandbox.Security;

namespace WxPayScore.Sandbox.Notifications;

/// <summary>
/// One POST of a callback to its <c>notify_url</c>, freshly signed, with WeChat's 5-second answer limit. Only
/// <c>200</c> or <c>204</c> from the notify URL itself is a delivery (spec §7.4): redirects are not followed — a
/// <c>3xx</c> is a failure like any other status, and is retried on the schedule.
/// </summary>
internal sealed class CallbackSender
{
    public const string HttpClientName = "WxPayScore.Sandbox.Notifications";

    private readonly IHttpClientFactory httpClientFactory;
    private readonly WeChatSigner signer;
    private readonly MerchantRegistry registry;
    private readonly SandboxClock clock;
    private readonly TimeSpan answerTimeout;

    public CallbackSender(IHttpClientFactory httpClientFactory, WeChatSigner signer, MerchantRegistry registry, SandboxClock clock, TimeSpan answerTimeout)
    {
        this.httpClientFactory = httpClientFactory;
        this.signer = signer;
        this.registry = registry;
        this.clock = clock;
        this.answerTimeout = answerTimeout;
    }

    /// <summary>The primary handler of <see cref="HttpClientName"/>: no automatic redirects, no cookies.</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };

    /// <summary>Sends <paramref name="record"/> once; <paramref name="probe"/> signs it <c>WECHATPAY/SIGNTEST/…</c> instead.</summary>
    public async Task<DeliveryAttempt> SendAsync(NotificationRecord record, bool probe, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(record);
        var started = Stopwatch.GetTimestamp();
        var time = clock.UtcNow;
        var wall = clock.Wall.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(record.Body);
        var merchant = registry.FindMerchant(record.MchId);
        var signature = probe ? signer.SignTestProbe(merchant) : signer.Sign(body, merchant);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, record.Url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/4.0");
            foreach (var (name, value) in signature.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            request.Headers.TryAddWithoutValidation(WeChatPayHeaders.RequestId, Identifiers.RequestId());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(answerTimeout);
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? error = null;
            if (status is not (200 or 204))
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                error = status is >= 300 and < 400
                    ? $"redirect to {response.Headers.Location?.ToString() ?? "(no Location)"} not followed: only 200/204 from the notify_url counts"
                    : text.Length > 300 ? text[..300] : text;
            }

            return new DeliveryAttempt
            {
                Kind = "first", Time = time, WallTime = wall, StatusCode = status, Error = string.IsNullOrEmpty(error) ? null : error,
                Success = status is 200 or 204, DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            var error = ex is OperationCanceledException && !stopping.IsCancellationRequested
                ? $"timeout: no answer within {answerTimeout.TotalSeconds:0.#} s"
                : ex.Message;
            return new DeliveryAttempt
            {
                Kind = "first", Time = time, WallTime = wall, Error = error, DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
    }
}
