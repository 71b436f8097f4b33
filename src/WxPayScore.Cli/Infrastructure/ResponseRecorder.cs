namespace WxPayScore.Cli.Infrastructure;

/// <summary>
/// The innermost handler of the SDK's HttpClient: keeps the last answer (buffered, so the SDK still reads it). Doctor
/// uses it to check the signature of an error answer, which the SDK reports as an exception without its headers.
/// </summary>
internal sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ResponseLog log;

    public ResponseRecorder(ResponseLog log)
    {
        this.log = log;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        log.Last = new RecordedResponse(response.StatusCode, headers, body);
        return response;
    }
}
