using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using WxPayScore.Configuration;
using WxPayScore.Diagnostics;
using WxPayScore.Errors;
using WxPayScore.Json;
using WxPayScore.Refunds;
using WxPayScore.Security;
using WxPayScore.ServiceOrders;

namespace WxPayScore.Http;

/// <summary>
/// Sends one APIv3 call through the signing and resilience pipeline and returns only what verifies: a 2xx whose
/// signature checks out, or a typed exception (API error, forged/stale response, no connection).
/// </summary>
/// <remarks>
/// One async method per call (<see cref="ExchangeAsync"/>): the answer is read into a pooled buffer, verified there and
/// parsed from there, so a service-order call keeps no copy of the body (see docs/performance.md, SDK).
/// </remarks>
internal sealed class WeChatPayTransport
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with IHttpClientFactory.</summary>
    public const string HttpClientName = "WxPayScore";

    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue Json = new("application/json");
    private readonly IHttpClientFactory httpClientFactory;
    private readonly SignatureVerifier verifier;
    private readonly ILogger<WeChatPayTransport> logger;
    private readonly WxPayScoreOptions options;
    private readonly string authority;
    private readonly Uri createUri;
    private readonly Uri refundCreateUri;

    public WeChatPayTransport(IHttpClientFactory httpClientFactory, SignatureVerifier verifier, IOptions<WxPayScoreOptions> options, ILogger<WeChatPayTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.verifier = verifier;
        this.logger = logger;
        this.options = options.Value;
        // Paths are absolute ("/v3/…"), so they replace any path of BaseUrl, as new Uri(base, path) would: scheme, host and
        // port are all that is kept, and one string makes the request URI.
        authority = new Uri(this.options.BaseUrl).GetLeftPart(UriPartial.Authority);
        // The create calls' paths never change, so their URIs are built once: a Uri is immutable and requests may share one.
        createUri = new Uri(authority + ServiceOrderService.BasePath);
        refundCreateUri = new Uri(authority + RefundService.BasePath);
    }

    /// <summary>What a verified answer becomes (the body span is valid only during the call).</summary>
    private interface IAnswerReader<T>
    {
        T Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string operation);
    }

    /// <summary>
    /// Sends a prepared service-order call (its bytes as they are; no body for a GET) and parses the verified answer: the
    /// order, or <see langword="null"/> for a 204 where WeChat may answer without a body.
    /// </summary>
    public Task<ServiceOrder?> SendAsync(PreparedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = call.Method == HttpMethod.Get ? null : call.Body;
        return call.AnswerRequired
            ? ExchangeAsync<ServiceOrder?, RequiredOrderReader>(call.MetricName, call.Method, call.PathAndQuery, body, null, default, cancellationToken)
            : ExchangeAsync<ServiceOrder?, OptionalOrderReader>(call.MetricName, call.Method, call.PathAndQuery, body, null, default, cancellationToken);
    }

    /// <summary>
    /// Sends a prepared refund call (create, query, abnormal refund) and parses the verified answer, which is always a
    /// refund. A call carrying encrypted fields names their key in <c>Wechatpay-Serial</c> on every attempt.
    /// </summary>
    public Task<Refund> SendRefundAsync(PreparedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = call.Method == HttpMethod.Get ? null : call.Body;
        return ExchangeAsync<Refund, RefundReader>(call.MetricName, call.Method, call.PathAndQuery, body, call.EncryptionSerial, default, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="body"/> (the exact JSON bytes to sign and send, or null) to <paramref name="pathAndQuery"/>
    /// (already percent-encoded; signed as it is). <paramref name="operation"/> names the call in logs and metrics.
    /// </summary>
    public Task<WeChatPayResponse> SendAsync(string operation, HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken) =>
        ExchangeAsync<WeChatPayResponse, RawReader>(operation, method, pathAndQuery, body, null, default, cancellationToken);

    private async Task<T> ExchangeAsync<T, TReader>(string operation, HttpMethod method, string pathAndQuery, byte[]? body, string? serial, TReader reader, CancellationToken cancellationToken)
        where TReader : struct, IAnswerReader<T>
    {
        ArgumentNullException.ThrowIfNull(method);
        using var activity = WxPayScoreDiagnostics.ActivitySource.HasListeners()
            ? WxPayScoreDiagnostics.ActivitySource.StartActivity("WeChatPay " + operation, ActivityKind.Client)
            : null;
        activity?.SetTag("wxpayscore.operation", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            using var request = new HttpRequestMessage(method, RequestUri(pathAndQuery));
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            if (body is not null)
            {
                request.Options.Set(WeChatPayRequestContext.Body, body);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = Json;
            }

            if (serial is not null)
            {
                request.Options.Set(WeChatPayRequestContext.Serial, serial);
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClientFactory.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "WeChat Pay {Operation} got no answer after retries", operation);
                throw new WeChatPayConnectionException($"WeChat Pay {operation} got no answer ({ex.Message}); the outcome is unknown: query before acting again.", ex);
            }

            using (response)
            {
                var requestId = Header(response, WeChatPayHeaders.RequestId);
                activity?.SetTag("wxpayscore.request_id", requestId);
                activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                var (buffer, length) = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                try
                {
                    var raw = buffer.AsMemory(0, length);
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = TryParseError(raw.Span);
                        outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        activity?.SetTag("wechat.code", error?.Code);
                        activity?.SetStatus(ActivityStatusCode.Error, error?.Code);
                        logger.LogWarning("WeChat Pay {Operation} failed: {Status} {Code} {Message} (Request-ID {RequestId})",
                            operation, (int)response.StatusCode, error?.Code, error?.Message, requestId);
                        throw new WeChatPayApiException(response.StatusCode, error, requestId);
                    }

                    await VerifyAsync(response, raw, operation, requestId, cancellationToken).ConfigureAwait(false);
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        logger.LogDebug("WeChat Pay {Operation} {Method} {Path} answered {Status} ({Bytes} bytes, verified; Request-ID {RequestId})",
                            operation, method.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, length, requestId);
                    }

                    outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    return reader.Read(response.StatusCode, raw.Span, requestId, operation);
                }
                finally
                {
                    if (buffer.Length > 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
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

    private async ValueTask VerifyAsync(HttpResponseMessage response, ReadOnlyMemory<byte> raw, string operation, string? requestId, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>
    /// The body in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (empty, not rented, when there is none); the
    /// caller returns it. A body over <see cref="WxPayScoreOptions.MaxResponseBodyBytes"/> is refused, before reading when
    /// Content-Length says so.
    /// </summary>
    private async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = options.MaxResponseBodyBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > max)
        {
            throw TooLarge();
        }

        if (declared == 0)
        {
            return ([], 0);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than declared (or than allowed) shows a body longer than it should be.
            var buffer = ArrayPool<byte>.Shared.Rent(declared is { } n ? (int)n + 1 : Math.Min(4096, max + 1));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > max)
                        {
                            throw TooLarge();
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length > max)
                {
                    throw TooLarge();
                }

                return (buffer, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        WeChatPayException TooLarge() => new($"WeChat Pay answered a body larger than {max} bytes.");
    }

    private Uri RequestUri(string pathAndQuery) => pathAndQuery switch
    {
        ServiceOrderService.BasePath => createUri,
        RefundService.BasePath => refundCreateUri,
        _ => new Uri(pathAndQuery.StartsWith('/') ? authority + pathAndQuery : authority + "/" + pathAndQuery),
    };

    /// <summary>The first value of a response header, as received (no parsing, no copy).</summary>
    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static WeChatPayErrorBody? TryParseError(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
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

    private static ServiceOrder ReadOrder(ReadOnlySpan<byte> body, string? requestId, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(body, WxPayScoreJsonContext.Wire.ServiceOrder)
                ?? throw new WeChatPayException($"WeChat Pay answered null to {operation}.") { RequestId = requestId };
        }
        catch (JsonException ex)
        {
            throw new WeChatPayException($"WeChat Pay's answer to {operation} is not a service order: {ex.Message}", ex) { RequestId = requestId };
        }
    }

    /// <summary>Create and queries: the answer must be an order.</summary>
    private readonly struct RequiredOrderReader : IAnswerReader<ServiceOrder?>
    {
        public ServiceOrder? Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string operation) => body.IsEmpty
            ? throw new WeChatPayException($"WeChat Pay answered {(int)status} without a body to {operation}, where an order was expected.") { RequestId = requestId }
            : ReadOrder(body, requestId, operation);
    }

    /// <summary>The actions: the order when WeChat sends one, null for a 204.</summary>
    private readonly struct OptionalOrderReader : IAnswerReader<ServiceOrder?>
    {
        public ServiceOrder? Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string operation) =>
            body.IsEmpty ? null : ReadOrder(body, requestId, operation);
    }

    /// <summary>Refund calls: the answer must be a refund.</summary>
    private readonly struct RefundReader : IAnswerReader<Refund>
    {
        public Refund Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string operation)
        {
            if (body.IsEmpty)
            {
                throw new WeChatPayException($"WeChat Pay answered {(int)status} without a body to {operation}, where a refund was expected.") { RequestId = requestId };
            }

            try
            {
                return JsonSerializer.Deserialize(body, WxPayScoreJsonContext.Wire.Refund)
                    ?? throw new WeChatPayException($"WeChat Pay answered null to {operation}.") { RequestId = requestId };
            }
            catch (JsonException ex)
            {
                throw new WeChatPayException($"WeChat Pay's answer to {operation} is not a refund: {ex.Message}", ex) { RequestId = requestId };
            }
        }
    }

    /// <summary>Any call: status, a copy of the raw bytes and the Request-ID.</summary>
    private readonly struct RawReader : IAnswerReader<WeChatPayResponse>
    {
        public WeChatPayResponse Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string operation) =>
            new(status, body.ToArray(), requestId);
    }
}
