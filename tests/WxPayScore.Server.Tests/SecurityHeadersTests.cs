using System.Net;
using System.Text.RegularExpressions;
using WxPayScore.Server.Tests.Infrastructure;
using WxPayScore.Tests.Shared;

namespace WxPayScore.Server.Tests;

/// <summary>Every HTML page: CSP without inline script, nosniff, no framing, no referrer; no Server header anywhere; /docs offline.</summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private ServerHost server = null!;

    public async Task InitializeAsync() => server = await ServerHost.StartAsync(new Dictionary<string, string?>
    {
        ["urls"] = $"http://127.0.0.1:{ServerHost.FreePort()}",
        ["Server:DataPath"] = TempFolders.Create("headers"),
        ["Sandbox:Urls"] = "http://127.0.0.1:0",
        ["Sandbox:Persistence"] = "Memory",
    }, environment: "Development");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("docs/")]
    public async Task Every_page_has_a_strict_policy_and_no_inline_script(string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSources = ScriptSrc().Match(policy).Groups[1].Value;
        Assert.DoesNotContain("'unsafe-inline'", scriptSources, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scriptSources, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        AssertCommonHeaders(response);

        // Inline scripts only with the nonce the policy names; nothing loaded from another host.
        var html = await response.Content.ReadAsStringAsync();
        foreach (Match script in InlineScript().Matches(html))
        {
            var nonce = Nonce().Match(script.Value);
            Assert.True(nonce.Success, $"inline script without a nonce on /{path}: {script.Value[..Math.Min(200, script.Value.Length)]}");
            Assert.Contains($"'nonce-{nonce.Groups[1].Value}'", scriptSources, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(ThirdParty(), html);
        Assert.DoesNotContain("https://", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/plans")]
    [InlineData("admin/dashboard.js")]
    [InlineData("miniprogram/web/demo.js")]
    [InlineData("health/live")]
    [InlineData("no/such/page")]
    public async Task Other_answers_have_the_common_headers_too(string path)
    {
        using var response = await server.Http.GetAsync(path);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task The_docs_page_loads_nothing_from_another_host_and_has_no_promotional_buttons()
    {
        var html = await server.Http.GetStringAsync("docs/");
        Assert.DoesNotMatch(ThirdParty(), html);
        Assert.Contains("\"hideClientButton\":true", html.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), "no Server header");
    }

    [GeneratedRegex("script-src ([^;]*)")]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();

    [GeneratedRegex("(src|href)=\"(https?:)?//(?!127\\.0\\.0\\.1|localhost)", RegexOptions.IgnoreCase)]
    private static partial Regex ThirdParty();
}
