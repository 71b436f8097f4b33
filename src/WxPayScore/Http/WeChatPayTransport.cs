using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using WxPayScore.Configuration;
using WxPayScore.Diagnostics;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Http;

/// <summary>
/// Sends one APIv3 call through the signing and resilience pipeline and returns only what verifies: a 2xx whose
/// signature checks out, or a typed exception (API error, forged/stale response, no connection).
/// </summary>
internal sealed class WeChatPayTransport
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with IHttpClientFactory.</summary>
    public const string HttpClientName = "WxPayScore";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly IHttpClientFactory httpClientFactory;
    private readonly SignatureVerifier verifier;
    private readonly ILogger<WeChatPayTransport> logger;
    private readonly WxPayScoreOptions options;

    public WeChatPayTransport(IHttpClientFactory httpClientFactory, SignatureVerifier verifier, IOptions<WxPayScoreOptions> options, ILogger<WeChatPayTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.verifier = verifier;
        this.logger = logger;
        this.options = options.Value;
    }

    /// <summary>Sends a prepared service-order call: its bytes as they are (no body for a GET).</summary>
    public Task<WeChatPayResponse> SendAsync(PreparedCall call, CancellationToken cancellationToken) =>
        SendAsync(call.MetricName, call.Method, call.PathAndQuery, call.Method == HttpMethod.Get ? null : call.Body, cancellationToken);

    /// <summary>
    /// Sends <paramref name="body"/> (the exact JSON bytes to sign and send, or null) to <paramref name="pathAndQuery"/>
    /// (already percent-encoded; signed as it is). <paramref name="operation"/> names the call in logs and metrics.
    /// </summary>
    public async Task<WeChatPayResponse> SendAsync(string operation, HttpMethod method, string pathAndQuery, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var activity = WxPayScoreDiagnostics.ActivitySource.StartActivity($"WeChatPay {operation}", ActivityKind.Client);
        activity?.SetTag("wxpayscore.operation", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var response = await SendCoreAsync(operation, method, pathAndQuery, body, activity, cancellationToken).ConfigureAwait(false);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        catch (WeChatPayApiException ex)
        {
            outcome = ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw;
        }
        catch (WeChatPaySignatureException)
        {
            outcome = "bad_signature";
            throw;
        }
        finally
        {
            var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
            WxPayScoreDiagnostics.Requests.Add(1, tags);
            WxPayScoreDiagnostics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private async Task<WeChatPayResponse> SendCoreAsync(string operation, HttpMethod method, string pathAndQuery, ReadOnlyMemory<byte>? body, Activity? activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(options.BaseUrl), pathAndQuery));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        if (body is { } bytes)
        {
            request.Options.Set(WeChatPayRequestContext.Body, bytes);
            request.Content = new ReadOnlyMemoryContent(bytes);
            request.Content.Headers.ContentType = Json;
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "WeChat Pay {Operation} got no answer after retries", operation);
            throw new WeChatPayConnectionException($"WeChat Pay {operation} got no answer ({ex.Message}); the outcome is unknown: query before acting again.", ex);
        }

        using (response)
        {
            var requestId = response.Headers.TryGetValues(WeChatPayHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null;
            activity?.SetTag("wxpayscore.request_id", requestId);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            var raw = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);

            if (!response.IsSuccessStatusCode)
            {
                var error = TryParseError(raw);
                logger.LogWarning("WeChat Pay {Operation} failed: {Status} {Code} {Message} (Request-ID {RequestId})",
                    operation, (int)response.StatusCode, error?.Code, error?.Message, requestId);
                throw new WeChatPayApiException(response.StatusCode, error, requestId);
            }

            ResponseVerificationFailure failure;
            try
            {
                failure = await verifier.VerifyAsync(
                    Header(response, WeChatPayHeaders.Timestamp), Header(response, WeChatPayHeaders.Nonce),
                    Header(response, WeChatPayHeaders.Signature), Header(response, WeChatPayHeaders.Serial),
                    raw, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Certificate mode: the platform certificates could not be downloaded or decrypted, so nothing can vouch
                // for this answer. It is not used; the cause stays attached.
                logger.LogError(ex, "WeChat Pay {Operation} answered {Status} but no key to verify it could be obtained (Request-ID {RequestId})",
                    operation, (int)response.StatusCode, requestId);
                throw new WeChatPayException(
                    $"WeChat Pay {operation} answered {(int)response.StatusCode} but the key to verify it could not be obtained ({ex.GetType().Name}: {ex.Message}); the answer was not used.", ex)
                { RequestId = requestId };
            }

            if (failure != ResponseVerificationFailure.None)
            {
                logger.LogError("WeChat Pay {Operation} answered {Status} but its signature did not verify: {Failure} (Request-ID {RequestId})",
                    operation, (int)response.StatusCode, failure, requestId);
                throw new WeChatPaySignatureException(failure,
                    $"WeChat Pay {operation} answered {(int)response.StatusCode} without a valid signature ({failure}); the answer is treated as forged.", requestId);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("WeChat Pay {Operation} {Method} {Path} answered {Status} ({Bytes} bytes, verified; Request-ID {RequestId})",
                    operation, method.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, raw.Length, requestId);
            }

            return new WeChatPayResponse(response.StatusCode, raw, requestId);
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > options.MaxResponseBodyBytes)
        {
            throw new WeChatPayException($"WeChat Pay answered a body larger than {options.MaxResponseBodyBytes} bytes.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return bytes.Length > options.MaxResponseBodyBytes
            ? throw new WeChatPayException($"WeChat Pay answered a body larger than {options.MaxResponseBodyBytes} bytes.")
            : bytes;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static WeChatPayErrorBody? TryParseError(byte[] raw)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(raw, WxPayScoreJsonContext.Wire.WeChatPayErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
