using System.Net;

namespace WxPayScore.Sandbox.Tests.Infrastructure;

/// <summary>Drives the sandbox confirm page over plain HTTP, as a browser with forms would (POST, then follow the redirect).</summary>
public sealed class ConfirmPageBrowser : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly Uri baseUrl;

    public ConfirmPageBrowser(Uri baseUrl)
    {
        this.baseUrl = baseUrl;
    }

    public Uri? SessionUrl { get; private set; }

    /// <summary>Opens <c>/sandbox/pages/use/use</c> and follows the redirect to the page session; returns its HTML.</summary>
    public async Task<string> OpenAsync(string package, string? user = null, string? returnUrl = null,
        IEnumerable<KeyValuePair<string, string?>>? extraData = null)
    {
        var query = "package=" + Uri.EscapeDataString(package) + (user is null ? string.Empty : "&user=" + Uri.EscapeDataString(user)) +
                    (returnUrl is null ? string.Empty : "&return_url=" + Uri.EscapeDataString(returnUrl));
        foreach (var (name, value) in extraData ?? [])
        {
            if (name != "package" && value is not null)
            {
                query += "&" + name + "=" + Uri.EscapeDataString(value);
            }
        }

        using var response = await http.GetAsync(new Uri(baseUrl, "/sandbox/pages/use/use?" + query));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        SessionUrl = new Uri(baseUrl, response.Headers.Location!);
        return await http.GetStringAsync(SessionUrl);
    }

    /// <summary>Presses #confirm and returns the page shown after the redirect.</summary>
    public Task<string> ConfirmAsync() => PressAsync("confirm");

    /// <summary>Presses #reject (the user declines) and returns the page shown after the redirect.</summary>
    public Task<string> RejectAsync() => PressAsync("reject");

    /// <summary>Presses #refuse (the assessment refuses the user) and returns the page shown after the redirect.</summary>
    public Task<string> RefuseAsync() => PressAsync("refuse");

    /// <summary>Re-reads the current page.</summary>
    public Task<string> ReloadAsync() => http.GetStringAsync(SessionUrl);

    private async Task<string> PressAsync(string button)
    {
        using var response = await http.PostAsync(new Uri(SessionUrl + "/" + button), null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await http.GetStringAsync(new Uri(baseUrl, response.Headers.Location!));
    }

    /// <summary>Presses #return (in-page return) or #back (top-left arrow) and returns where the browser is sent.</summary>
    public async Task<Uri> LeaveAsync(bool inPageReturn)
    {
        using var response = await http.PostAsync(new Uri(SessionUrl + (inPageReturn ? "/return" : "/back")), null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    public void Dispose() => http.Dispose();

    public static IReadOnlyDictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);
}
