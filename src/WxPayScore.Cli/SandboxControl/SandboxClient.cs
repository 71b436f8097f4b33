using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WxPayScore.Cli.Infrastructure;

namespace WxPayScore.Cli.SandboxControl;

/// <summary>The sandbox's control API (<c>/sandbox/…</c>, snake_case JSON, errors <c>{code, message}</c>) over HTTP.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient http;

    public SandboxClient(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
    }

    public Uri BaseUrl { get; }

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>
    /// Plays the confirm page as a user would: opens it with the package (spending it, as WeChat does) and presses
    /// <c>#reject</c> or <c>#refuse</c>. Returns the outcome the page shows.
    /// </summary>
    public async Task<string> PressAsync(string package, string? user, string button, CancellationToken cancellationToken)
    {
        var open = "/sandbox/pages/use/use?package=" + Uri.EscapeDataString(package) + (user is null ? string.Empty : "&user=" + Uri.EscapeDataString(user));
        var session = await RedirectTargetAsync(new HttpRequestMessage(HttpMethod.Get, open), cancellationToken).ConfigureAwait(false);
        var page = await PageAsync(session, cancellationToken).ConfigureAwait(false);
        if (Between(page, "<p id=\"error\">", "</p>") is { } error)
        {
            throw new CheckFailedException("invalid_package", $"The confirm page refused the package: {WebUtility.HtmlDecode(error)}");
        }

        using var form = new FormUrlEncodedContent([]);
        var after = await RedirectTargetAsync(new HttpRequestMessage(HttpMethod.Post, session.TrimEnd('/') + "/" + button) { Content = form }, cancellationToken)
            .ConfigureAwait(false);
        page = await PageAsync(after, cancellationToken).ConfigureAwait(false);
        if (Between(page, "data-outcome=\"", "\"") is { } outcome)
        {
            return outcome;
        }

        var message = Between(page, "<p id=\"message\">", "</p>");
        throw new CheckFailedException("not_" + button + "ed", $"The page did not take #{button}: {WebUtility.HtmlDecode(message ?? "no outcome shown")}");
    }

    public void Dispose() => http.Dispose();

    private async Task<string> RedirectTargetAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.SeeOther || response.Headers.Location is null)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new CheckFailedException("sandbox_error", $"The confirm page answered {(int)response.StatusCode}: {text}");
            }

            return response.Headers.Location.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
        }
    }

    private async Task<string> PageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new CheckFailedException("not_a_sandbox", $"{BaseUrl} answered {(int)response.StatusCode} with something that is not JSON: is it the WxPayScore sandbox?");
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            var code = json?["code"]?.GetValue<string>() ?? "sandbox_error";
            var message = json?["message"]?.GetValue<string>() ?? text;
            throw new CheckFailedException(code, $"The sandbox answered {(int)response.StatusCode} {code}: {message}");
        }

        return json;
    }

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return null;
        }

        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? null : text[from..to];
    }
}
