using WxPayScore.Errors;
using WxPayScore.Server.Persistence;

namespace WxPayScore.Server.Journal;

/// <summary>
/// Journals the SDK's own WeChat call — the platform-certificate download (<c>GET /v3/certificates</c>, certificate mode
/// only) — which no server code sends itself: a row before each attempt, its outcome after. Sits in the SDK's
/// <c>HttpClient</c> pipeline (innermost), so it sees every attempt; the server's own calls are journaled where they are
/// made, with their orders.
/// </summary>
public sealed class CertificateDownloadJournalHandler(WeChatCallJournal journal, TimeProvider time) : DelegatingHandler
{
    public const string Path = "/v3/certificates";

    /// <summary>The header WeChat Pay names each answer with (quoted in support requests).</summary>
    private const string RequestIdHeader = "Request-ID";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { AbsolutePath: Path })
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var call = await journal.StartAsync(null, WeChatCallOperation.Certificates, $"{request.Method} {Path}", cancellationToken);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            call.HttpStatus = (int)response.StatusCode;
            call.Outcome = response.IsSuccessStatusCode ? WeChatCallOutcome.Ok : WeChatCallOutcome.ApiError;
            call.RequestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            call.CompletedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await journal.CompleteAsync(call);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or WeChatPayException)
        {
            // No answer to this attempt (connection failure, or the attempt's timeout / the caller cancelled it).
            call.Outcome = WeChatCallOutcome.Unknown;
            call.ErrorMessage = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            call.CompletedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await journal.CompleteAsync(call);
            throw;
        }
    }
}
